/**
 * The seam between the IPMI transport/session layer and the command codecs.
 * Codecs and high-level operations (SDR, SEL, FRU, sensors, chassis) only
 * need something that can send one IPMI request and return its response;
 * the RMCP+ session implements it, and unit tests can feed recorded bytes.
 */
export interface IpmiResponse {
  /** Completion code (0x00 = success). */
  completionCode: number;
  /** Response data after the completion code. */
  data: Buffer;
}

export interface IpmiRequestOptions {
  signal?: AbortSignal;
  /** Per-request timeout override in milliseconds. */
  timeoutMs?: number;
  /** Responder LUN (default 0). */
  lun?: number;
  /**
   * A request that changes the server (Chassis Control, Clear SEL, a set, a
   * raw command): exactly one copy is sent, for the whole time budget. It is
   * never retransmitted and never failed over to another BMC address once
   * sent, because many BMCs (ipmi_sim too) carry out every copy they receive.
   * A lost answer ends in IPMI_OUTCOME_UNKNOWN: the caller reads the state
   * back and tells the user what is now true.
   */
  once?: boolean;
}

export interface IpmiRequester {
  request(netFn: number, cmd: number, data?: Uint8Array, options?: IpmiRequestOptions): Promise<IpmiResponse>;
  /**
   * The managed system's GUID (16 bytes as on the wire, the layout of Get
   * System GUID's answer) that the BMC of the session that answered last
   * sent in RAKP 2, when RAKP 2 was authenticated (the GUID is one of the
   * inputs of its HMAC). Undefined otherwise, and for requesters without a
   * session: then Get System GUID asks for it.
   */
  systemGuid?(): Buffer | undefined;
}

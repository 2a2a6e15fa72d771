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
   * The request is not sent again before this many milliseconds (capped by
   * the timeout). For commands that must not run twice: a BMC slow to answer
   * a power cycle would otherwise receive a retransmission and, like many
   * BMCs, run it again.
   */
  firstAttemptMs?: number;
}

export interface IpmiRequester {
  request(netFn: number, cmd: number, data?: Uint8Array, options?: IpmiRequestOptions): Promise<IpmiResponse>;
}

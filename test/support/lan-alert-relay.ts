/**
 * A BMC that holds LAN alert destinations, for tests: ipmi_sim has none and
 * answers "parameter not supported" for parameters 18 and 19, so a relay in
 * front of it (startUdpRelay) rewrites its answers to Get LAN Configuration
 * Parameters 17-19 with the destinations below, laid out as IPMI 2.0 table
 * 23-4 gives them. Works with cipher suite 0 only, where an IPMI message
 * travels in clear inside the RMCP+ session packet (section 13.6); every
 * other datagram passes unchanged.
 *
 *   const relay = await startUdpRelay(sim.port);
 *   const counter = rewriteLanAlerts(relay);   // counter.rewritten(): answers changed so far
 */
import type { UdpRelay } from './ipmi-sim';

/** Sum of bytes is 0 mod 256 with the checksum (IPMB two's complement). */
const checksum = (bytes: number[]) => (0x100 - (bytes.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;

/** RMCP+ session packet (section 13.6): offset of the payload length, for payload type IPMI (0) without OEM fields. */
const LEN_AT = 4 + 1 + 1 + 4 + 4;

/** The destinations the rewritten BMC holds (table 23-4 layouts; selector 0 is the volatile one, left empty). */
export const DESTINATIONS = [
  { set: 1, type: [0x00, 3, 2], addr: [0x00, 0x00, 192, 168, 0, 1, 0x00, 0x1b, 0x21, 0x0a, 0x0b, 0x0c] },
  { set: 2, type: [0x80, 5, 1], addr: [0x00, 0x01, 192, 168, 0, 2, 0x00, 0x1b, 0x21, 0x0d, 0x0e, 0x0f] },
  { set: 3, type: [0x06, 0, 0], addr: [0x00, 0x00, 10, 1, 2, 3, 0x52, 0x54, 0x00, 0x12, 0x34, 0x56] },
];

function answerFor(param: number, set: number): number[] | undefined {
  if (param === 0x11) return [0x11, DESTINATIONS.length];
  const d = DESTINATIONS.find((x) => x.set === set);
  if (param === 0x12) return [0x11, set, ...(d ? d.type : [0x00, 0, 0])];
  if (param === 0x13) return [0x11, set, ...(d ? d.addr : [0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])];
  return undefined;
}

/** Puts alert destinations into a simulator that has none: answers to Get LAN Configuration Parameters 17-19 are rewritten. */
export function rewriteLanAlerts(relay: UdpRelay): { rewritten: () => number } {
  const asked = new Map<number, { param: number; set: number }>();
  let rewritten = 0;
  relay.onRequest = (pkt) => {
    if (pkt.length > LEN_AT + 8 && pkt[3] === 0x07 && pkt[5] === 0x00) {
      const m = pkt.subarray(LEN_AT + 2);
      if (m[1] >> 2 === 0x0c && m[5] === 0x02) asked.set(m[4] >> 2, { param: m[7], set: m[8] });
    }
    return pkt;
  };
  relay.onReply = (pkt) => {
    if (!(pkt.length > LEN_AT + 8 && pkt[3] === 0x07 && pkt[5] === 0x00)) return pkt;
    const m = pkt.subarray(LEN_AT + 2);
    if (m[1] >> 2 !== 0x0d || m[5] !== 0x02) return pkt;
    const q = asked.get(m[4] >> 2);
    const data = q && answerFor(q.param, q.set);
    if (!data) return pkt;
    rewritten++;
    const body = [...m.subarray(3, 6), 0x00, ...data];
    const msg = [...m.subarray(0, 3), ...body, checksum(body)];
    const head = Buffer.from(pkt.subarray(0, LEN_AT + 2));
    head.writeUInt16LE(msg.length, LEN_AT);
    return Buffer.concat([head, Buffer.from(msg)]);
  };
  return { rewritten: () => rewritten };
}

import { describe, expect, it } from 'vitest';
import { FieldKitError } from '../../../shared/errors';
import type { LanAlertReading } from '../../../shared/model/lan-alerts';
import { newCluster, newServer } from '../../../shared/model/inventory';
import { renderMessage } from '../../../shared/messages';
import {
  decodeCommunityString,
  decodeDestinationAddress,
  decodeDestinationType,
  decodeNumberOfDestinations,
  getChannelInfo,
  getLanConfigParameters,
} from '../../../src-main/engines/ipmi/commands';
import { readLanAlerts } from '../../../src-main/engines/ipmi/ops';
import type { IpmiRequester, IpmiResponse } from '../../../src-main/engines/ipmi/requester';
import { compareLanAlerts, keywordFor, keywordFromText, lanAlertsText, listenerFacts } from '../../../src-main/services/lan-alerts';

/*
 * Byte vectors laid out as IPMI 2.0 rev 1.1 table 23-4 gives the LAN
 * configuration parameters (the answer's data after the completion code:
 * parameter revision 0x11, then the parameter's data):
 *   16 Community String   data 1:18  ASCII, NUL padded
 *   17 Number of Dest.    data 1     [7:4] reserved, [3:0] count (0 = LAN alerting not supported)
 *   18 Destination Type   data 1     [3:0] destination selector
 *                         data 2     [7] alert acknowledge, [6:3] reserved, [2:0] type (000b PET, 110b OEM 1, 111b OEM 2)
 *                         data 3     acknowledge timeout / retry interval
 *                         data 4     [7:3] reserved, [2:0] retries
 *   19 Destination Addr.  data 1     [3:0] destination selector
 *                         data 2     [7:4] address format (0h = IPv4 + MAC), [3:0] reserved
 *                         data 3     [7:1] reserved, [0] gateway selector (0 default, 1 backup)
 *                         data 4:7   alerting IP address, MS byte first
 *                         data 8:13  alerting MAC address, MS byte first
 */
const REV = 0x11;
const community = (s: string) => Buffer.from([REV, ...Buffer.from(s.padEnd(18, '\0'), 'latin1')]);
const count = (n: number) => Buffer.from([REV, n]);
const destType = (set: number, ack: boolean, type: number, timeout: number, retries: number) => Buffer.from([REV, set, (ack ? 0x80 : 0) | type, timeout, retries]);
const destAddr = (set: number, ip: number[], mac: number[], backup = false) => Buffer.from([REV, set, 0x00, backup ? 1 : 0, ...ip, ...mac]);

const data = (b: Buffer) => getLanConfigParameters.decode(b).data;

describe('LAN configuration parameter decoders (table 23-4 vectors)', () => {
  it('Get LAN Configuration Parameters: request bytes and revision', () => {
    expect([...getLanConfigParameters.encode({ channel: 1, parameter: 19, set: 3 })]).toEqual([0x01, 0x13, 0x03, 0x00]);
    // bit 7 of the channel byte must stay 0 ("get parameter", not "revision only") whatever the caller passes
    expect(getLanConfigParameters.encode({ channel: 0x8e, parameter: 17 })[0]).toBe(0x0e);
    expect(getLanConfigParameters.decode(count(2)).revision).toBe(0x11);
  });

  it('16 Community String: NUL padded, NUL terminated, or all 18 bytes used', () => {
    expect(decodeCommunityString(data(community('public')))).toBe('public');
    expect(decodeCommunityString(data(community('abcdefghijklmnopqr')))).toBe('abcdefghijklmnopqr');
    expect(decodeCommunityString(Buffer.from('ops\0garbage', 'latin1'))).toBe('ops');
  });

  it('17 Number of Destinations: low nibble only; 0 means not supported', () => {
    expect(decodeNumberOfDestinations(data(count(0x0f)))).toBe(15);
    expect(decodeNumberOfDestinations(data(count(0xf3)))).toBe(3);
    expect(decodeNumberOfDestinations(data(count(0)))).toBe(0);
    expect(() => decodeNumberOfDestinations(Buffer.alloc(0))).toThrow(FieldKitError);
  });

  it('18 Destination Type: PET unacknowledged, OEM acknowledged, reserved type', () => {
    expect(decodeDestinationType(data(destType(1, false, 0, 3, 2)))).toEqual({ set: 1, type: 'pet', typeCode: 0, acknowledged: false, timeoutSeconds: 3, retries: 2 });
    expect(decodeDestinationType(data(destType(2, true, 6, 10, 7)))).toMatchObject({ set: 2, type: 'oem1', acknowledged: true, timeoutSeconds: 10, retries: 7 });
    expect(decodeDestinationType(data(destType(3, false, 7, 0, 0))).type).toBe('oem2');
    const reserved = decodeDestinationType(data(destType(4, false, 3, 0, 0)));
    expect(reserved).toMatchObject({ type: 'reserved', typeCode: 3 });
    // reserved bits 6:3 of data 2 and 7:3 of data 4 are ignored
    expect(decodeDestinationType(Buffer.from([0xf5, 0x78, 1, 0xfa]))).toMatchObject({ set: 5, type: 'pet', acknowledged: false, retries: 2 });
  });

  it('19 Destination Addresses: IPv4 MS byte first, MAC, gateway bit', () => {
    const a = decodeDestinationAddress(data(destAddr(1, [192, 168, 0, 1], [0x00, 0x1b, 0x21, 0xaa, 0xbb, 0x0c])));
    expect(a).toEqual({ set: 1, addressFormat: 0, gateway: 'default', address: '192.168.0.1', mac: '00:1b:21:aa:bb:0c' });
    const b = decodeDestinationAddress(data(destAddr(2, [10, 0, 0, 254], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff], true)));
    expect(b).toMatchObject({ gateway: 'backup', address: '10.0.0.254', mac: 'ff:ff:ff:ff:ff:ff' });
    // gateway selector is bit 0 only
    expect(decodeDestinationAddress(Buffer.from([1, 0, 0xfe, 1, 2, 3, 4, 0, 0, 0, 0, 0, 0])).gateway).toBe('default');
    // another address format: no IPv4 decoded, nothing invented
    expect(decodeDestinationAddress(Buffer.from([1, 0x10, 0]))).toEqual({ set: 1, addressFormat: 1, gateway: 'default' });
    expect(() => decodeDestinationAddress(Buffer.from([1, 0, 0, 192, 168]))).toThrow(FieldKitError);
  });

  it('Get Channel Info: channel number and LAN medium (table 6-3)', () => {
    expect(getChannelInfo.encode(0x0e)[0]).toBe(0x0e);
    // the bytes ipmi_sim answers for its LAN channel 1
    expect(getChannelInfo.decode(Buffer.from([0x01, 0x04, 0x01, 0x81, 0xf2, 0x1b, 0x00, 0x00, 0x00]))).toEqual({ channel: 1, medium: 4, protocol: 1, isLan: true });
    expect(getChannelInfo.decode(Buffer.from([0x0f, 0x0c, 0x05])).isLan).toBe(false);
  });
});

/** A BMC of bytes: answers Get Channel Info and Get LAN Configuration Parameters from a table. */
class LanBmc implements IpmiRequester {
  sent: string[] = [];
  constructor(private readonly params: Map<string, Buffer | number>, private readonly channelInfo: Buffer | number = Buffer.from([0x02, 0x04, 0x01])) {}

  async request(netFn: number, cmd: number, d: Uint8Array = new Uint8Array()): Promise<IpmiResponse> {
    this.sent.push(Buffer.from([netFn, cmd, ...d]).toString('hex'));
    const answer = (v: Buffer | number | undefined): IpmiResponse =>
      v === undefined ? { completionCode: 0x80, data: Buffer.alloc(0) } : typeof v === 'number' ? { completionCode: v, data: Buffer.alloc(0) } : { completionCode: 0, data: v };
    if (netFn === 0x06 && cmd === 0x42) return answer(this.channelInfo);
    if (netFn === 0x0c && cmd === 0x02) return answer(this.params.get(`${d[0]}/${d[1]}/${d[2]}`));
    return { completionCode: 0xc1, data: Buffer.alloc(0) };
  }
}

const fullBmc = (channel: number) => new Map<string, Buffer | number>([
  [`${channel}/16/0`, community('fencing')],
  [`${channel}/17/0`, count(3)],
  [`${channel}/18/1`, destType(1, false, 0, 3, 2)],
  [`${channel}/19/1`, destAddr(1, [192, 168, 0, 1], [0, 0x1b, 0x21, 1, 2, 3])],
  [`${channel}/18/2`, destType(2, true, 0, 5, 1)],
  [`${channel}/19/2`, destAddr(2, [192, 168, 0, 2], [0, 0x1b, 0x21, 4, 5, 6], true)],
  [`${channel}/18/3`, destType(3, false, 0, 0, 0)],
  [`${channel}/19/3`, destAddr(3, [0, 0, 0, 0], [0, 0, 0, 0, 0, 0])],
]);

describe('readLanAlerts over a byte-table BMC', () => {
  it('reads the session channel, community, and destinations 1..count (never the volatile 0)', async () => {
    const bmc = new LanBmc(fullBmc(2));
    const r = await readLanAlerts(bmc);
    expect(r).toMatchObject({ channel: 2, status: 'read', community: 'fencing', count: 3 });
    expect(r.destinations.map((d) => [d.set, d.address, d.unset, d.gateway])).toEqual([
      [1, '192.168.0.1', false, 'default'],
      [2, '192.168.0.2', false, 'backup'],
      [3, '0.0.0.0', true, 'default'],
    ]);
    expect(r.destinations[1]).toMatchObject({ acknowledged: true, timeoutSeconds: 5, retries: 1, mac: '00:1b:21:04:05:06' });
    expect(bmc.sent.some((h) => /^0c02021[23]00/.test(h))).toBe(false);
  });

  it('falls back to channel 1 when Get Channel Info is refused', async () => {
    const r = await readLanAlerts(new LanBmc(fullBmc(1), 0xc1));
    expect(r.channel).toBe(1);
    expect(r.count).toBe(3);
  });

  it('zero destinations (as ipmi_sim answers) is a reading, not an error', async () => {
    const r = await readLanAlerts(new LanBmc(new Map([['2/16/0', community('public')], ['2/17/0', count(0)]])));
    expect(r).toEqual({ channel: 2, community: 'public', status: 'zero-destinations', count: 0, destinations: [] });
  });

  it('"parameter not supported" (0x80) names the parameter and lists no half results', async () => {
    const r = await readLanAlerts(new LanBmc(new Map([['2/17/0', count(2)], ['2/18/1', destType(1, false, 0, 3, 2)]])));
    expect(r).toMatchObject({ status: 'not-supported', unsupportedParameter: 19, count: 2, destinations: [] });
    expect(r.community).toBeUndefined();
    const none = await readLanAlerts(new LanBmc(new Map()));
    expect(none).toMatchObject({ status: 'not-supported', unsupportedParameter: 17 });
  });

  it('any other refusal is an error', async () => {
    const err = await readLanAlerts(new LanBmc(new Map([['2/17/0', 0xd4]]))).catch((e) => e);
    expect(err).toBeInstanceOf(FieldKitError);
    expect(err.id).toBe('IPMICMD_COMPLETION_CODE');
  });
});

const reading = (addresses: string[], extra: Partial<LanAlertReading> = {}): LanAlertReading => ({
  channel: 1,
  status: 'read',
  count: addresses.length,
  destinations: addresses.map((address, i) => ({
    set: i + 1, type: 'pet', typeCode: 0, acknowledged: false, timeoutSeconds: 3, retries: 2, addressFormat: 0, gateway: 'default', address, mac: '00:00:00:00:00:00', unset: address === '0.0.0.0',
  })),
  ...extra,
});
const laptop = { addresses: ['192.168.0.50'], port: 162, listening: true };
const guideKeyword = { addresses: ['192.168.0.1', '192.168.0.2'], port: 162, source: 'cluster' as const };
const ids = (f: { id: string }[]) => f.map((x) => x.id);

describe('compareLanAlerts: destinations against the keyword and this laptop', () => {
  it("the guide's sample: sends to both servers, not here", () => {
    const f = compareLanAlerts({ server: 'server1', cluster: 'c1', reading: reading(['192.168.0.1', '192.168.0.2', '0.0.0.0']), keyword: guideKeyword, listener: laptop });
    expect(ids(f)).toEqual(['LANALERT_NOT_TO_LAPTOP', 'LANALERT_KEYWORD_MATCH']);
    const en = renderMessage(f[0].id, f[0].params, 'en').text;
    expect(en).toBe("server1's BMC sends traps to 192.168.0.1, 192.168.0.2; not to this laptop (192.168.0.50 UDP 162), so fencing notices will not show here during maintenance.");
    const ja = renderMessage(f[0].id, f[0].params, 'ja').text;
    expect(ja).toContain('192.168.0.1, 192.168.0.2');
    expect(ja).toContain('I/O Fencing の通知');
  });

  it('this laptop among the destinations: ok, and never "not in the keyword"', () => {
    const f = compareLanAlerts({ server: 'server1', cluster: 'c1', reading: reading(['192.168.0.1', '192.168.0.2', '192.168.0.50']), keyword: guideKeyword, listener: laptop });
    expect(ids(f)).toEqual(['LANALERT_TO_LAPTOP', 'LANALERT_KEYWORD_MATCH']);
    expect(f[0].params.address).toBe('192.168.0.50');
  });

  it('a listener on another port than 162 is pointed out when the BMC sends here', () => {
    const f = compareLanAlerts({ server: 's', cluster: 'c1', reading: reading(['192.168.0.50']), listener: { ...laptop, port: 10162 } });
    expect(ids(f)).toEqual(['LANALERT_TO_LAPTOP', 'LANALERT_LISTENER_PORT', 'LANALERT_NO_KEYWORD']);
    expect(f[1].params.port).toBe(10162);
  });

  it('a keyword address the BMC does not send to, and a destination outside the keyword', () => {
    const f = compareLanAlerts({ server: 'server1', cluster: 'c1', reading: reading(['192.168.0.1', '192.168.0.11']), keyword: guideKeyword, listener: laptop });
    expect(ids(f)).toEqual(['LANALERT_NOT_TO_LAPTOP', 'LANALERT_KEYWORD_MISSING', 'LANALERT_NOT_IN_KEYWORD']);
    expect(f[1]).toMatchObject({ severity: 'warning', params: { addresses: '192.168.0.2', cluster: 'c1' } });
    expect(f[2].params.addresses).toBe('192.168.0.11');
  });

  it('OEM destinations and unset ones are not trap destinations', () => {
    const r = reading(['192.168.0.1', '0.0.0.0']);
    r.destinations[0] = { ...r.destinations[0], type: 'oem1', typeCode: 6 };
    expect(compareLanAlerts({ server: 's', cluster: 'c1', reading: r, keyword: guideKeyword, listener: laptop })).toEqual([
      { id: 'LANALERT_NONE_SET', severity: 'warning', params: { server: 's', count: 2 } },
    ]);
  });

  it('a BMC that does not report its destinations gets exactly one finding saying so', () => {
    const zero = compareLanAlerts({ server: 's', cluster: 'c1', reading: reading([], { status: 'zero-destinations' }), keyword: guideKeyword, listener: laptop });
    expect(zero).toEqual([{ id: 'LANALERT_ZERO_DESTINATIONS', severity: 'info', params: { server: 's', channel: 1 } }]);
    const unsupported = compareLanAlerts({ server: 's', reading: reading([], { status: 'not-supported', unsupportedParameter: 19 }), listener: laptop });
    expect(unsupported).toEqual([{ id: 'LANALERT_NOT_SUPPORTED', severity: 'info', params: { server: 's', channel: 1, parameter: 19 } }]);
  });

  it('an ad-hoc BMC without --keyword is compared with this laptop only', () => {
    expect(ids(compareLanAlerts({ server: '10.0.0.9:623', reading: reading(['192.168.0.1']), listener: laptop }))).toEqual(['LANALERT_NOT_TO_LAPTOP', 'LANALERT_NO_CLUSTER']);
  });
});

describe('facts: keyword of a server, listener addresses', () => {
  it("the cluster's BMCNOTICE keyword, or the server's own one", () => {
    const c = newCluster('c1');
    c.servers.push(newServer('server1', { host: '192.168.0.11' }), newServer('server2', { host: '192.168.0.21' }));
    expect(keywordFor(c, 'server1')).toBeUndefined();
    c.trapSettings.monitors.push({ category: 'NIC', keyword: 'eth1' }, { category: 'BMCNOTICE', keyword: '192.168.0.1;192.168.0.2:10162' });
    expect(keywordFor(c, 'server1')).toEqual({ addresses: ['192.168.0.1', '192.168.0.2'], port: 10162, source: 'cluster' });
    c.trapSettings.monitors[1] = { category: 'BMCNOTICE', keyword: '', serverKeywords: [{ server: 'server2', keyword: '192.168.0.2' }] };
    expect(keywordFor(c, 'server2')).toEqual({ addresses: ['192.168.0.2'], port: 162, source: 'server' });
    expect(keywordFor(c, 'server1')).toBeUndefined();
  });

  it('--keyword takes the inventory grammar and its messages', () => {
    expect(keywordFromText('192.168.0.1;192.168.0.2')).toEqual(guideKeyword);
    const err = (() => { try { keywordFromText('192.168.0.11;eth1'); } catch (e) { return e; } })() as FieldKitError;
    expect(err.id).toBe('INVENTORY_TRAP_KEYWORD_ADDRESS_INVALID');
  });

  it('a listener on any address is reached at every address of this machine; the running one wins over the saved', () => {
    const mine = () => ['192.0.2.7', '198.51.100.3'];
    expect(listenerFacts({}, undefined, mine)).toEqual({ addresses: ['192.0.2.7', '198.51.100.3'], port: 162, listening: false });
    expect(listenerFacts({ address: '192.0.2.7', port: 10162 }, undefined, mine)).toEqual({ addresses: ['192.0.2.7'], port: 10162, listening: false });
    expect(listenerFacts({ port: 10162 }, { listening: true, address: '::ffff:198.51.100.3', port: 162 }, mine)).toEqual({ addresses: ['198.51.100.3'], port: 162, listening: true });
  });
});

describe('lanAlertsText', () => {
  it('lists destinations and the findings in the chosen language', () => {
    const r = reading(['192.168.0.1', '0.0.0.0']);
    const check = { server: 'server1', cluster: 'c1', reading: { ...r, community: 'public' }, keyword: guideKeyword, listener: laptop, findings: compareLanAlerts({ server: 'server1', cluster: 'c1', reading: r, keyword: guideKeyword, listener: laptop }) };
    const en = lanAlertsText(check, 'en').join('\n');
    expect(en).toContain('#1: PET trap 192.168.0.1');
    expect(en).toContain('#2: not set');
    expect(en).toMatch(/WARN server1's BMC does not send traps to 192\.168\.0\.2/);
    const ja = lanAlertsText(check, 'ja').join('\n');
    expect(ja).toContain('#2: 未設定');
    expect(ja).toContain('クラスタ c1');
    expect(ja).not.toContain('not set');
  });
});

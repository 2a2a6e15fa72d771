import type { LanAlertDestination, LanAlertReading } from '../../../../shared/model/lan-alerts';
import { CURRENT_CHANNEL } from '../spec';
import {
  call,
  completionCodeOf,
  decodeCommunityString,
  decodeDestinationAddress,
  decodeDestinationType,
  decodeNumberOfDestinations,
  getChannelInfo,
  getLanConfigParameters,
  LAN_PARAM,
  LAN_PARAM_NOT_SUPPORTED,
} from '../commands';
import type { IpmiRequester } from '../requester';
import { checkAbort, reqOpts, type OpOptions } from './common';

/** Most BMCs put their LAN on channel 1; used when the session's own channel cannot be named. */
export const DEFAULT_LAN_CHANNEL = 1;

/** Thrown inside this module only: the BMC answered "parameter not supported" for `parameter`. */
class NotSupported {
  constructor(readonly parameter: number) {}
}

/**
 * The LAN channel this session arrived on: Get Channel Info for the current
 * channel names it. A BMC that refuses the command, or names a channel that is
 * not a LAN, gets channel 1 (where nearly every BMC has its LAN).
 */
export async function currentLanChannel(req: IpmiRequester, o?: OpOptions): Promise<number> {
  try {
    const info = await call(req, getChannelInfo, CURRENT_CHANNEL, reqOpts(o));
    return info.isLan ? info.channel : DEFAULT_LAN_CHANNEL;
  } catch (e) {
    if (completionCodeOf(e) === undefined) throw e;
    return DEFAULT_LAN_CHANNEL;
  }
}

async function parameter(req: IpmiRequester, channel: number, param: number, set: number, o?: OpOptions): Promise<Buffer> {
  checkAbort(o?.signal);
  try {
    return (await call(req, getLanConfigParameters, { channel, parameter: param, set }, reqOpts(o))).data;
  } catch (e) {
    if (completionCodeOf(e) === LAN_PARAM_NOT_SUPPORTED) throw new NotSupported(param);
    throw e;
  }
}

/** Where the BMC sends nothing: no address, 0.0.0.0, or an address format FieldKit does not read. */
function isUnset(address: string | undefined): boolean {
  return address === undefined || address === '0.0.0.0';
}

/**
 * Reads a BMC's own LAN alert destinations on its LAN channel: community
 * string (16), number of destinations (17), then type (18) and address (19)
 * of each non-volatile destination 1..count (selector 0 is the volatile one,
 * used by Alert Immediate, not by PEF alerts). Only reads: every request may
 * be retransmitted.
 *
 * A BMC that answers "parameter not supported" (0x80) gets a reading with
 * status 'not-supported' naming the parameter; a count of 0 (LAN alerting not
 * supported on the channel, section 23.2) gets 'zero-destinations'. Neither
 * is an error: the caller says so to the engineer. Any other refusal throws.
 */
export async function readLanAlerts(req: IpmiRequester, o: OpOptions & { channel?: number } = {}): Promise<LanAlertReading> {
  const channel = o.channel ?? (await currentLanChannel(req, o));
  let community: string | undefined;
  try {
    community = decodeCommunityString(await parameter(req, channel, LAN_PARAM.COMMUNITY_STRING, 0, o));
  } catch (e) {
    // The community is a detail; a BMC without it may still list destinations.
    if (!(e instanceof NotSupported)) throw e;
  }
  const base = { channel, ...(community !== undefined ? { community } : {}) };
  let count: number;
  try {
    count = decodeNumberOfDestinations(await parameter(req, channel, LAN_PARAM.NUMBER_OF_DESTINATIONS, 0, o));
  } catch (e) {
    if (e instanceof NotSupported) return { ...base, status: 'not-supported', unsupportedParameter: e.parameter, count: 0, destinations: [] };
    throw e;
  }
  if (count === 0) return { ...base, status: 'zero-destinations', count, destinations: [] };
  const destinations: LanAlertDestination[] = [];
  try {
    for (let set = 1; set <= count; set++) {
      const type = decodeDestinationType(await parameter(req, channel, LAN_PARAM.DESTINATION_TYPE, set, o));
      const addr = decodeDestinationAddress(await parameter(req, channel, LAN_PARAM.DESTINATION_ADDRESSES, set, o));
      destinations.push({
        set,
        type: type.type,
        typeCode: type.typeCode,
        acknowledged: type.acknowledged,
        timeoutSeconds: type.timeoutSeconds,
        retries: type.retries,
        addressFormat: addr.addressFormat,
        gateway: addr.gateway,
        ...(addr.address !== undefined ? { address: addr.address } : {}),
        ...(addr.mac !== undefined ? { mac: addr.mac } : {}),
        unset: isUnset(addr.address),
      });
    }
  } catch (e) {
    // Half a list would read as "sends only there": report the parameter instead.
    if (e instanceof NotSupported) return { ...base, status: 'not-supported', unsupportedParameter: e.parameter, count, destinations: [] };
    throw e;
  }
  return { ...base, status: 'read', count, destinations };
}

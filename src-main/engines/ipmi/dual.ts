/**
 * A server with two BMC addresses: requests go to the one that answered
 * last (primary first); when it does not answer, the other is tried, and
 * answeredBy() says which one did. Authentication errors are not failed
 * over: the other address holds the same accounts.
 */
import { FieldKitError, isFieldKitError } from '../../../shared/errors';
import type { IpmiRequestOptions, IpmiRequester, IpmiResponse } from './requester';

export type BmcRole = 'primary' | 'secondary';

const UNREACHABLE = new Set(['IPMI_NO_RESPONSE', 'IPMI_BMC_STOPPED_ANSWERING', 'IPMI_SESSION_LOST', 'IPMI_HOST_UNRESOLVED', 'IPMI_SOCKET_ERROR']);

export function isUnreachable(e: unknown): boolean {
  return isFieldKitError(e) && UNREACHABLE.has(e.id);
}

export class DualRequester implements IpmiRequester {
  private preferred: BmcRole = 'primary';
  private last?: BmcRole;

  constructor(
    private readonly primary: IpmiRequester,
    private readonly secondary: IpmiRequester | undefined,
    private readonly names: { primary: string; secondary?: string },
  ) {}

  answeredBy(): BmcRole | undefined {
    return this.last;
  }

  /** The GUID proven by the session of the address that answered last. */
  systemGuid(): Buffer | undefined {
    const r = this.last === 'primary' ? this.primary : this.last === 'secondary' ? this.secondary : undefined;
    return r?.systemGuid?.();
  }

  request(netFn: number, cmd: number, data?: Uint8Array, options?: IpmiRequestOptions): Promise<IpmiResponse> {
    // One address: nothing to fail over to (the hot path of `exec`).
    if (!this.secondary) return this.primary.request(netFn, cmd, data, options).then(this.answeredPrimary, this.unanswered);
    return this.either(netFn, cmd, data, options);
  }

  private readonly answeredPrimary = (r: IpmiResponse): IpmiResponse => {
    this.last = 'primary';
    return r;
  };

  private readonly unanswered = (e: unknown): never => {
    if (isUnreachable(e)) this.last = undefined;
    throw e;
  };

  /** Two addresses: the one that answered last first, then the other. */
  private async either(netFn: number, cmd: number, data?: Uint8Array, options?: IpmiRequestOptions): Promise<IpmiResponse> {
    const order: BmcRole[] = this.preferred === 'primary' ? ['primary', 'secondary'] : ['secondary', 'primary'];
    let firstError: unknown;
    for (const role of order) {
      const r = role === 'primary' ? this.primary : this.secondary!;
      try {
        const res = await r.request(netFn, cmd, data, options);
        this.last = role;
        this.preferred = role;
        return res;
      } catch (e) {
        if (!isUnreachable(e)) throw e;
        firstError ??= e;
      }
    }
    this.last = undefined;
    throw new FieldKitError('IPMI_BOTH_BMCS_UNREACHABLE', { primary: this.names.primary, secondary: this.names.secondary ?? '' }, { cause: firstError });
  }
}

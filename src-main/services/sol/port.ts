import type { IpmiTarget } from '../../engines/ipmi';
import type { SolActivateOptions, SolConfig, SolConsole } from '../../engines/ipmi/sol';

export type { SolActivateOptions, SolConfig, SolConsole, SolInfo, SolStats } from '../../engines/ipmi/sol';

/**
 * What the SOL service needs of the IPMI engine (src-main/engines/ipmi/sol):
 * these two calls only, so a unit test can hand in a fake. IpmiEngine
 * satisfies it.
 */
export interface SolEngine {
  openSol(target: IpmiTarget, options?: SolActivateOptions): Promise<SolConsole>;
  readSolConfig(target: IpmiTarget, signal?: AbortSignal): Promise<SolConfig>;
}

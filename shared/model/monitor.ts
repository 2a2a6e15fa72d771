/**
 * Live status of a server's BMCs, in HA Monitor Connector's terms:
 * `link` OK / NG / --- per BMC address, and a server state.
 */
export type LinkState = 'OK' | 'NG' | '---';

/** monitoring: all well; poff detected: power is off; dump detected: an OS stop / dump trap arrived; link down: no BMC answers. */
export type ServerState = 'monitoring' | 'poff detected' | 'dump detected' | 'link down';

export interface BmcLink {
  role: 'primary' | 'secondary';
  /** "192.0.2.10:623", or undefined when no secondary is configured. */
  address?: string;
  link: LinkState;
}

export interface ServerStatus {
  cluster: string;
  server: string;
  links: [BmcLink, BmcLink];
  power: 'on' | 'off' | 'unknown';
  /** Which BMC answered the power query. */
  powerFrom?: 'primary' | 'secondary';
  /** Why the power state is unknown (catalogue id), e.g. no password stored. */
  powerProblem?: { id: string; params: Record<string, unknown> };
  state: ServerState;
  /** Newest OS stop / dump trap inside the watch window, if any. */
  dumpTrap?: { receivedAt: string; summary: string };
  checkedAt: string;
}

/**
 * Public API of FieldKit's IPMI v2.0 / RMCP+ engine.
 *
 *   const engine = new IpmiEngine();
 *   const bmc = engine.session({ host: '192.0.2.10', username: 'admin', password });
 *   const { completionCode, data } = await bmc.request(0x06, 0x01); // Get Device ID
 *   const server = engine.dual(primaryTarget, secondaryTarget); server.answeredBy();
 *   await engine.close();
 */
export { IpmiEngine, type EngineOptions, type IpmiDualHandle, type IpmiSessionHandle, type PingOptions } from './engine';
export type { IpmiTarget } from './target';
export type { SessionInfo, SessionLogger } from './session';
export type { IpmiRequester, IpmiRequestOptions, IpmiResponse } from './requester';
export type { ChannelAuthCapabilities } from './channel-auth';
export type { BmcRole } from './dual';
export type { SuiteId } from './cipher-suites';
export type { Privilege } from './privilege';

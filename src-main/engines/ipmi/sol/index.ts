/**
 * Serial over LAN (IPMI 2.0 SOL payload) in FieldKit's engine.
 *
 *   const c = await engine.openSol(target, { takeover: false });
 *   c.onData((b) => process.stdout.write(b));
 *   c.onClose(({ errorId }) => ...);       // once: deactivate(), the BMC, or lost (SOL_LOST)
 *   await c.write(Buffer.from('root\r'));   // resolves when the BMC accepted it
 *   await c.sendBreak();
 *   await c.deactivate();                   // Deactivate Payload; the session idle-closes later
 *   await engine.readSolConfig(target);     // enabled, privilege, force encryption / auth, bit rates, port
 *   await engine.deactivateSol(target);     // ends instance 1 whoever holds it; true if it was active
 */
export type { SolActivateOptions, SolInfo, SolConfig, SolStats, SolConsole, SolClose, SolStatus } from './types';
export { DEFAULT_SOL_TIMING, type SolTiming } from './console';
export { SOL_INSTANCE, type OpenSolOptions } from './open';
export { SOL_OP, SOL_STATUS, decodeSolPacket, encodeSolPacket, nextSolSeq, type SolPacket } from './packet';

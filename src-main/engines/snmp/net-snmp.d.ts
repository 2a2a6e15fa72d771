// The parts of npm net-snmp 3.29 that the trap receiver uses (the package ships no types).
declare module 'net-snmp' {
  import type dgram from 'node:dgram';

  export interface Varbind {
    oid: string;
    type: number;
    value: unknown;
  }
  export interface ReceivedPdu {
    type: number;
    enterprise?: string;
    agentAddr?: string;
    generic?: number;
    specific?: number;
    upTime?: number;
    varbinds: Varbind[];
    community?: string;
    user?: string;
  }
  export interface ReceiverUser {
    name: string;
    level: number;
    authProtocol?: number;
    authKey?: string;
    privProtocol?: number;
    privKey?: string;
  }
  export interface Authorizer {
    addCommunity(c: string): void;
    addUser(u: ReceiverUser): void;
  }
  export interface Receiver {
    getAuthorizer(): Authorizer;
    close(cb?: () => void): void;
  }
  export interface DgramModule {
    createSocket(type: dgram.SocketType): dgram.Socket;
  }
  export interface ReceiverOptions {
    port?: number;
    address?: string | null;
    transport?: 'udp4' | 'udp6';
    disableAuthorization?: boolean;
    includeAuthentication?: boolean;
    engineID?: string;
    dgramModule?: DgramModule;
  }
  export type ReceiverCallback = (error: (Error & { rinfo?: dgram.RemoteInfo; code?: string; syscall?: string }) | null, data?: { pdu: ReceivedPdu; rinfo: dgram.RemoteInfo }) => void;
  export function createReceiver(options: ReceiverOptions, callback: ReceiverCallback): Receiver;

  export const ObjectType: Record<string, number>;
  export const PduType: Record<string, number>;
  export const SecurityLevel: { noAuthNoPriv: number; authNoPriv: number; authPriv: number };
  export const AuthProtocols: Record<string, number>;
  export const PrivProtocols: Record<string, number>;
  export const Version1: number;
  export const Version2c: number;
  export const Version3: number;

  export interface Session {
    trap(typeOrOid: string | number, varbinds: Varbind[] | Record<string, unknown>, ...rest: unknown[]): void;
    inform(typeOrOid: string | number, varbinds: Varbind[], options: Record<string, unknown>, cb: (error: Error | null) => void): void;
    close(): void;
    on(ev: string, cb: (...a: unknown[]) => void): void;
  }
  export function createSession(target: string, community: string, options?: Record<string, unknown>): Session;
  export function createV3Session(target: string, user: ReceiverUser, options?: Record<string, unknown>): Session;
}

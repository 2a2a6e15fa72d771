/**
 * An IpmiRequester that sends each request through `ipmitool raw` (one
 * process, one RMCP+ session per request). Only for tests: it lets the
 * command layer be checked against ipmi_sim with a transport written by
 * someone else, independent of FieldKit's own session engine.
 */
import { spawn } from 'node:child_process';
import type { IpmiRequestOptions, IpmiRequester, IpmiResponse } from '../../src-main/engines/ipmi/requester';

export class IpmitoolRequester implements IpmiRequester {
  requests = 0;
  constructor(private readonly connArgs: string[]) {}

  request(netFn: number, cmd: number, data: Uint8Array = new Uint8Array(0), options?: IpmiRequestOptions): Promise<IpmiResponse> {
    this.requests++;
    const hex = (b: number) => '0x' + b.toString(16).padStart(2, '0');
    const args = [...this.connArgs, ...(options?.lun ? ['-l', String(options.lun)] : []), 'raw', hex(netFn), hex(cmd), ...Array.from(data, hex)];
    return new Promise((resolve, reject) => {
      const child = spawn('ipmitool', args, { stdio: ['ignore', 'pipe', 'pipe'], signal: options?.signal });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.on('error', reject);
      child.on('close', (code) => {
        const m = /rsp=0x([0-9a-f]{2})/i.exec(err);
        if (m) return resolve({ completionCode: parseInt(m[1], 16), data: Buffer.alloc(0) });
        if (code !== 0) return reject(new Error(`ipmitool failed: ${err.trim()}`));
        const bytes = out.split(/\s+/).filter(Boolean).map((x) => parseInt(x, 16));
        resolve({ completionCode: 0, data: Buffer.from(bytes) });
      });
    });
  }
}

/**
 * Test harness for OpenIPMI's `ipmi_sim`: the simulated BMC every IPMI test
 * in the project runs against. Loopback only; ports are picked at run time
 * because other engineers run simulators on the same machine.
 *
 * API
 * ---
 *   hasIpmiSim, hasIpmitool, hasFreeipmi      booleans: is the peer installed?
 *   hasIpv6Loopback                          boolean: does this machine have ::1?
 *   skipReason()                             text to console.warn when skipping
 *
 *   const sim = await startIpmiSim({
 *     emu?: string,             // emulator command file TEXT (ipmi_sim_cmd(5)); default DEFAULT_EMU
 *     username?: 'admin', password?: 'fieldkit-pw', // user 2, admin privilege; ipmi_sim keeps <= 19 chars
 *     extraUsers?: [{ name, password, priv }],      // users 3.. (priv: 'user'|'operator'|'admin')
 *     kg?: string,              // BMC key Kg, ASCII (ipmi_sim's `bmc_key "..."`), <= 20 bytes
 *     secondary?: boolean,      // second LAN channel (2) on its own port = secondary BMC address
 *     privLimit?: 'admin'|'operator'|'user',
 *     power?: boolean,          // initial power state (default on)
 *     onPowerOn?: string[],     // console lines run (in the background) each time power goes on
 *     onPowerOff?: string[],    // same, when power goes off
 *     name?: string,            // BMC name (used in logs)
 *     host?: '127.0.0.1' | '::1', // listen address of the LAN channels (default 127.0.0.1)
 *     sharePowerWith?: IpmiSim, // one chassis, two BMCs: power state, chassis.log and hooks are the other's
 *     solPort?: number,         // Serial over LAN: the TCP "host serial port" (test/support/serial-host.ts) it connects to
 *     noChassisControl?: boolean, // no chassis_control script: ipmi_sim answers Get Chassis Status itself
 *                               // (power always off, Chassis Control refused) without starting a process
 *                               // per request; for sweeps over many simulators (bench/ipmi.ts)
 *   });
 *   sim.host ('127.0.0.1' or '::1'), sim.port, sim.secondaryPort?, sim.consolePort, sim.pid,
 *   sim.username, sim.password, sim.kg, sim.dir (private temp dir), sim.stateDir
 *   await sim.consoleCommand('sensor_set_bit 0x20 0 5 0 0 1')  -> text the console printed
 *   sim.powerState()            -> boolean, as kept by the chassis_control script
 *   sim.setOnPowerOn(lines) / setOnPowerOff(lines)       change the hooks at run time
 *   await sim.hooksIdle(timeoutMs?)  wait until every power hook triggered so far has run (in order)
 *   sim.stopAfterNextSet()      the next power change is carried out, then the simulator stops
 *                               itself (SIGSTOP): the change happened, its answer never comes
 *   sim.resume()                SIGCONT a stopped simulator (stop() does it too)
 *   sim.chassisLog()            the power changes the chassis_control script carried out, one per line
 *   await sim.restart()         stop by pid and start again on the same ports and state dir
 *                               (simulates a BMC reset: every session is lost)
 *   await sim.stop()            stop by pid (SIGTERM, then SIGKILL) and remove the temp dir
 *   sim.ipmitool(args, opts?)   run ipmitool -I lanplus against it: {code, stdout, stderr}
 *   await sim.activeSessions()  the sessions the BMC itself reports active (ipmitool's own query is one)
 *   sim.ipmitoolArgs(suite=3)   the connection arguments ipmitool needs
 *   sim.freeipmiArgs(suite=3)   the connection arguments FreeIPMI tools need (with -W opensesspriv)
 *
 *   const relay = await startUdpRelay(sim.port)  // UDP relay on its own port in front of a BMC
 *   relay.port; relay.pause(); relay.resume(); await relay.close()
 *   (paused = datagrams are swallowed in both directions: a BMC that stopped answering)
 *   relay.onReply = (pkt) => pkt | undefined     // tamper hook on BMC -> client datagrams
 *   relay.onRequest = (pkt) => pkt | undefined   // same, client -> BMC
 *   relay.injectToClients(buf)                   // send a datagram to every client seen, from
 *                                                // the relay's port (i.e. "from the BMC")
 *
 *   await findFreeUdpPort(), await findFreeTcpPort(), releasePort(port)
 *   await rmcpPing(port, host?, timeoutMs?)  -> boolean (ASF presence ping, written independently
 *                                               of the engine so the harness does not depend on it)
 *
 * Every process started here is stopped by its own pid; `stopAllSims()`
 * stops whatever a test file forgot (call it in afterAll).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

function which(cmd: string): boolean {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0;
}

export const hasIpmiSim = which('ipmi_sim');
const hasSetpriv = which('setpriv');
export const hasIpmitool = which('ipmitool');
export const hasFreeipmi = which('ipmipower') && which('bmc-info');

export function skipReason(need: { sim?: boolean; ipmitool?: boolean; freeipmi?: boolean } = { sim: true }): string | undefined {
  const missing: string[] = [];
  if (need.sim && !hasIpmiSim) missing.push('ipmi_sim (apt openipmi)');
  if (need.ipmitool && !hasIpmitool) missing.push('ipmitool (apt ipmitool)');
  if (need.freeipmi && !hasFreeipmi) missing.push('FreeIPMI (apt freeipmi-tools)');
  return missing.length ? `skipped: ${missing.join(', ')} not installed` : undefined;
}

/** A minimal BMC: Get Device ID answers firmware 9.08, a SEL, no sensors. */
export const DEFAULT_EMU = `mc_setbmc 0x20
mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr
sel_enable 0x20 1000 0x0a
mc_enable 0x20
`;

// ---------------------------------------------------------------- ports

const reserved = new Set<number>();

function probeUdpOn(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = dgram.createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', reuseAddr: false });
    s.once('error', () => { s.close(); resolve(false); });
    s.bind(port, host, () => s.close(() => resolve(true)));
  });
}

export const hasIpv6Loopback = Object.values(os.networkInterfaces()).flat().some((i) => i?.address === '::1');

async function probeUdp(port: number): Promise<boolean> {
  return (await probeUdpOn(port, '127.0.0.1')) && (!hasIpv6Loopback || (await probeUdpOn(port, '::1')));
}

function probeTcp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/*
 * Ports come from 20000-32000, below Linux's ephemeral range, so a client
 * socket of another test (ipmitool, our engine) cannot be sitting on the
 * port ipmi_sim is about to bind with SO_REUSEADDR. Random start + probe of
 * both protocols keeps parallel workers apart, and a claim file per port
 * (created exclusively, holding our pid) closes the gap between probing a
 * port and ipmi_sim binding it, across test processes.
 */
const claimDir = path.join(os.tmpdir(), 'fk-port-claims');

function claim(port: number): boolean {
  fs.mkdirSync(claimDir, { recursive: true });
  const f = path.join(claimDir, String(port));
  try {
    fs.writeFileSync(f, String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    // Taken, unless its owner is gone.
    try {
      const pid = Number(fs.readFileSync(f, 'utf8'));
      if (pid > 0 && pid !== process.pid) {
        try { process.kill(pid, 0); return false; } catch { /* owner dead */ }
        fs.rmSync(f, { force: true });
        fs.writeFileSync(f, String(process.pid), { flag: 'wx' });
        return true;
      }
    } catch { /* raced with another claimer */ }
    return false;
  }
}

function release(port: number): void {
  reserved.delete(port);
  const f = path.join(claimDir, String(port));
  try { if (Number(fs.readFileSync(f, 'utf8')) === process.pid) fs.rmSync(f, { force: true }); } catch { /* gone */ }
}

async function findPort(check: (p: number) => Promise<boolean>): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const p = 20000 + Math.floor(Math.random() * 12000);
    if (reserved.has(p)) continue;
    if (!claim(p)) continue;
    if ((await probeUdp(p)) && (await probeTcp(p)) && (await check(p))) {
      reserved.add(p);
      return p;
    }
    release(p);
  }
  throw new Error('no free port found in 20000-32000');
}

/** Gives a port from findFree*Port back (claims also lapse when the process ends). */
export const releasePort = release;

export const findFreeUdpPort = () => findPort(async () => true);
export const findFreeTcpPort = () => findPort(async () => true);

// ---------------------------------------------------------------- RMCP ping

/** ASF presence ping (RMCP class 6, IANA 4542, type 0x80); true on a pong (0x40). */
export function rmcpPing(port: number, host = '127.0.0.1', timeoutMs = 300): Promise<boolean> {
  return new Promise((resolve) => {
    const s = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
    const tag = Math.floor(Math.random() * 255);
    const pkt = Buffer.from([0x06, 0x00, 0xff, 0x06, 0x00, 0x00, 0x11, 0xbe, 0x80, tag, 0x00, 0x00]);
    const done = (ok: boolean) => { clearTimeout(t); try { s.close(); } catch { /* closed */ } resolve(ok); };
    const t = setTimeout(() => done(false), timeoutMs);
    s.on('error', () => done(false));
    s.on('message', (m) => { if (m.length >= 12 && m[3] === 0x06 && m[8] === 0x40) done(true); });
    s.send(pkt, port, host, (err) => { if (err) done(false); });
  });
}

// ---------------------------------------------------------------- simulator

export type SimPriv = 'user' | 'operator' | 'admin';

export interface SimOptions {
  emu?: string;
  username?: string;
  password?: string;
  extraUsers?: { name: string; password: string; priv: SimPriv }[];
  kg?: string;
  secondary?: boolean;
  privLimit?: SimPriv;
  power?: boolean;
  onPowerOn?: string[];
  onPowerOff?: string[];
  name?: string;
  host?: '127.0.0.1' | '::1';
  sharePowerWith?: IpmiSim;
  noChassisControl?: boolean;
  /**
   * Serial over LAN: the simulator connects to 127.0.0.1:<solPort> as the
   * host's serial port (`sol "tcp:..." 115200` in the MC section). Start the
   * TCP server first (test/support/serial-host.ts): the simulator tries at
   * start and then only every 10 s.
   */
  solPort?: number;
}

export interface RunResult { code: number | null; stdout: string; stderr: string }

export interface IpmiSim {
  readonly host: '127.0.0.1' | '::1';
  readonly port: number;
  readonly secondaryPort?: number;
  readonly consolePort: number;
  readonly username: string;
  readonly password: string;
  readonly kg?: string;
  readonly dir: string;
  readonly stateDir: string;
  readonly pid: number;
  consoleCommand(line: string, timeoutMs?: number): Promise<string>;
  powerState(): boolean;
  setOnPowerOn(lines: string[]): void;
  setOnPowerOff(lines: string[]): void;
  hooksIdle(timeoutMs?: number): Promise<void>;
  stopAfterNextSet(): void;
  resume(): void;
  chassisLog(): string[];
  /** Where power state, chassis.log and hooks live (the other simulator's dir when shared). */
  readonly powerDir: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
  ipmitoolArgs(suite?: number, port?: number): string[];
  freeipmiArgs(suite?: number, port?: number): string[];
  ipmitool(args: string[], opts?: { suite?: number; timeoutMs?: number; port?: number }): Promise<RunResult>;
  /** Sessions the BMC reports as active, counted by ipmitool (its own query is one of them). */
  activeSessions(): Promise<number>;
}

const live = new Set<IpmiSim>();

function lanBlock(channel: number, port: number, o: Required<Pick<SimOptions, 'privLimit'>> & SimOptions): string {
  const auths = 'none md5 straight';
  return [
    `  startlan ${channel}`,
    `    addr ${o.host ?? '127.0.0.1'} ${port}`,
    `    priv_limit ${o.privLimit}`,
    `    allowed_auths_callback ${auths}`,
    `    allowed_auths_user ${auths}`,
    `    allowed_auths_operator ${auths}`,
    `    allowed_auths_admin ${auths}`,
    `    guid a123456789abcdefa123456789abcde${channel}`,
    // ipmi_sim reads the key as quoted ASCII (its hex form wants 32 digits for 20 bytes).
    ...(o.kg !== undefined ? [`    bmc_key "${o.kg}"`] : []),
    '  endlan',
  ].join('\n');
}

/*
 * ipmi_sim runs `<script> 0x20 get power` and `<script> 0x20 set power 1`
 * through popen and waits for it, so hooks that talk to the console (which
 * the simulator serves from the same thread) must run detached.
 */
function chassisScript(dir: string, own: string, consolePort: number): string {
  return `#!/bin/bash
# chassis_control for ipmi_sim: keeps the power state in a file.
DIR='${dir}'
OWN='${own}'
# After carrying out one change, stop this simulator (its answer never comes).
stop_if_asked() {
  if [ -e "$OWN/stop-after-set" ]; then rm -f "$OWN/stop-after-set"; kill -STOP "$(cat "$OWN/sim.pid")"; fi
}
shift  # the MC address
op="$1"; shift
run_hook() {
  [ -s "$DIR/$1" ] || return 0
  # Tickets keep hooks in the order the power changes happened, even when
  # an off hook and an on hook are in flight together (ipmi_sim runs this
  # script synchronously, so the ticket is taken in order).
  ticket=$(( $(cat "$DIR/hook.ticket" 2>/dev/null || echo 0) + 1 ))
  echo "$ticket" > "$DIR/hook.ticket"
  cp "$DIR/$1" "$DIR/hook.$ticket"
  ( i=0
    while [ "$(cat "$DIR/hook.done" 2>/dev/null || echo 0)" -lt $((ticket - 1)) ] && [ $i -lt 500 ]; do sleep 0.02; i=$((i + 1)); done
    if exec 3<>/dev/tcp/127.0.0.1/${consolePort}; then
      while IFS= read -r line; do printf '%s\n' "$line" >&3; sleep 0.05; done < "$DIR/hook.$ticket"
      sleep 0.2; exec 3>&-
    fi
    echo "$ticket" > "$DIR/hook.done" ) </dev/null >/dev/null 2>&1 &
}
if [ "$op" = get ]; then
  for what in "$@"; do
    case "$what" in
      power) echo "power:$(cat "$DIR/power" 2>/dev/null || echo 0)";;
      reset) echo "reset:0";;
      boot) echo "boot:default";;
      shutdown) echo "shutdown:0";;
      *) ;;
    esac
  done
  exit 0
fi
if [ "$op" = set ]; then
  while [ $# -ge 2 ]; do
    what="$1"; val="$2"; shift 2
    case "$what" in
      power)
        old=$(cat "$DIR/power" 2>/dev/null || echo 0)
        echo "$val" > "$DIR/power.tmp" && mv "$DIR/power.tmp" "$DIR/power"
        echo "$(date +%s.%N) power $old -> $val" >> "$DIR/chassis.log"
        if [ "$val" = 1 ] && [ "$old" != 1 ]; then run_hook on-power-on; fi
        if [ "$val" = 0 ] && [ "$old" != 0 ]; then run_hook on-power-off; fi
        ;;
      *) echo "$(date +%s.%N) $what $val" >> "$DIR/chassis.log";;
    esac
  done
  stop_if_asked
  exit 0
fi
exit 0
`;
}

async function waitReady(port: number, child: ChildProcess, deadlineMs: number, host = '127.0.0.1'): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`ipmi_sim exited early (code ${child.exitCode})`);
    if (await rmcpPing(port, host, 200)) return;
  }
  throw new Error(`ipmi_sim did not answer a presence ping on port ${port} within ${deadlineMs} ms`);
}

function killByPid(child: ChildProcess, graceMs = 1500): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
    const t = setTimeout(() => { try { child.kill('SIGKILL'); } catch { /* gone */ } }, graceMs);
    child.once('exit', () => { clearTimeout(t); resolve(); });
    try { child.kill('SIGTERM'); } catch { clearTimeout(t); resolve(); }
  });
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => { clearTimeout(t); resolve({ code, stdout, stderr }); });
  });
}

export async function startIpmiSim(options: SimOptions = {}): Promise<IpmiSim> {
  if (!hasIpmiSim) throw new Error('ipmi_sim is not installed');
  const o = {
    username: 'admin',
    password: 'fieldkit-pw',
    privLimit: 'admin' as SimPriv,
    power: true,
    name: 'bmc-test',
    ...options,
  };
  const host = o.host ?? '127.0.0.1';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fk-ipmisim-'));
  const stateDir = path.join(dir, 'state');
  fs.mkdirSync(stateDir);
  const port = await findFreeUdpPort();
  const secondaryPort = o.secondary ? await findFreeUdpPort() : undefined;
  const consolePort = await findFreeTcpPort();

  const users = [
    `  user 2 true "${o.username}" "${o.password}" admin 10 none md5 straight`,
    ...(o.extraUsers ?? []).map((u, i) => `  user ${i + 3} true "${u.name}" "${u.password}" ${u.priv} 10 none md5 straight`),
  ];
  const script = path.join(dir, 'chassis.sh');
  const powerDir = o.sharePowerWith?.powerDir ?? dir;
  fs.writeFileSync(script, chassisScript(powerDir, dir, consolePort), { mode: 0o755 });
  if (!o.sharePowerWith) {
    fs.writeFileSync(path.join(dir, 'power'), o.power && !o.noChassisControl ? '1\n' : '0\n');
    fs.writeFileSync(path.join(dir, 'on-power-on'), (o.onPowerOn ?? []).join('\n') + (o.onPowerOn?.length ? '\n' : ''));
    fs.writeFileSync(path.join(dir, 'on-power-off'), (o.onPowerOff ?? []).join('\n') + (o.onPowerOff?.length ? '\n' : ''));
  }
  const conf = [
    `name "${o.name}"`,
    'set_working_mc 0x20',
    lanBlock(1, port, o),
    ...(secondaryPort !== undefined ? [lanBlock(2, secondaryPort, o)] : []),
    ...(o.noChassisControl ? [] : [`  chassis_control "${script} 0x20"`]),
    `  console 127.0.0.1 ${consolePort}`,
    ...(o.solPort !== undefined ? [`  sol "tcp:127.0.0.1:${o.solPort}" 115200`] : []),
    ...users,
    '',
  ].join('\n');
  const confPath = path.join(dir, 'lan.conf');
  const emuPath = path.join(dir, 'server.emu');
  fs.writeFileSync(confPath, conf);
  fs.writeFileSync(emuPath, o.emu ?? DEFAULT_EMU);

  let child: ChildProcess;
  const launch = async () => {
    const log = fs.openSync(path.join(dir, 'sim.log'), 'a');
    const args = ['-c', confPath, '-f', emuPath, '-s', stateDir, '-n'];
    // setpriv --pdeathsig: the simulator dies with the test process that
    // started it, so a crashed or killed test leaves no orphan behind
    // (setpriv execs ipmi_sim, so child.pid is the simulator's pid).
    child = hasSetpriv
      ? spawn('setpriv', ['--pdeathsig', 'KILL', 'ipmi_sim', ...args], { stdio: ['ignore', log, log] })
      : spawn('ipmi_sim', args, { stdio: ['ignore', log, log] });
    fs.closeSync(log);
    fs.writeFileSync(path.join(dir, 'sim.pid'), String(child.pid ?? ''));
    try {
      await waitReady(port, child, 10_000, host);
      if (secondaryPort !== undefined) await waitReady(secondaryPort, child, 5_000, host);
    } catch (e) {
      await killByPid(child);
      const text = fs.existsSync(path.join(dir, 'sim.log')) ? fs.readFileSync(path.join(dir, 'sim.log'), 'utf8') : '';
      throw new Error(`${(e as Error).message}\n${text.slice(-2000)}`);
    }
  };
  await launch();

  const ipmitoolArgs = (suite = 3, p = port) => {
    const a = ['-I', 'lanplus', '-H', host, '-p', String(p), '-U', o.username, '-P', o.password, '-C', String(suite), '-N', '1', '-R', '2'];
    if (o.kg !== undefined) a.push('-k', o.kg);
    return a;
  };

  const sim: IpmiSim = {
    host,
    port,
    secondaryPort,
    consolePort,
    username: o.username,
    password: o.password,
    kg: o.kg,
    dir,
    stateDir,
    get pid() { return child.pid ?? -1; },
    consoleCommand: (line, timeoutMs = 3000) => consoleCommand(consolePort, line, timeoutMs),
    powerDir,
    powerState: () => fs.readFileSync(path.join(powerDir, 'power'), 'utf8').trim() === '1',
    setOnPowerOn: (lines) => fs.writeFileSync(path.join(powerDir, 'on-power-on'), lines.length ? lines.join('\n') + '\n' : ''),
    setOnPowerOff: (lines) => fs.writeFileSync(path.join(powerDir, 'on-power-off'), lines.length ? lines.join('\n') + '\n' : ''),
    stopAfterNextSet: () => fs.writeFileSync(path.join(dir, 'stop-after-set'), ''),
    resume: () => { if (child.pid !== undefined && child.exitCode === null) { try { process.kill(child.pid, 'SIGCONT'); } catch { /* gone */ } } },
    chassisLog: () => {
      try {
        return fs.readFileSync(path.join(powerDir, 'chassis.log'), 'utf8').split('\n').filter(Boolean).map((l) => l.replace(/^\S+ /, ''));
      } catch {
        return [];
      }
    },
    async hooksIdle(timeoutMs = 5000) {
      const read = (f: string) => { try { return Number(fs.readFileSync(path.join(powerDir, f), 'utf8').trim()) || 0; } catch { return 0; } };
      const end = Date.now() + timeoutMs;
      while (read('hook.done') < read('hook.ticket')) {
        if (Date.now() > end) throw new Error('power hooks still running');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async restart() {
      sim.resume();
      await killByPid(child);
      await launch();
    },
    async stop() {
      live.delete(sim);
      sim.resume(); // a stopped process does not act on SIGTERM until continued
      await killByPid(child);
      for (const p of [port, secondaryPort, consolePort]) if (p !== undefined) release(p);
      fs.rmSync(dir, { recursive: true, force: true });
    },
    ipmitoolArgs,
    freeipmiArgs(suite = 3, p = port) {
      const a = ['-D', 'LAN_2_0', '-h', host.includes(':') ? `[${host}]:${p}` : `${host}:${p}`, '-u', o.username, '-p', o.password, '-I', String(suite), '-l', 'admin', '-W', 'opensesspriv'];
      if (o.kg !== undefined) a.push('-k', o.kg);
      return a;
    },
    ipmitool(args, opts = {}) {
      return run('ipmitool', [...ipmitoolArgs(opts.suite ?? 3, opts.port ?? port), ...args], opts.timeoutMs ?? 20_000);
    },
    async activeSessions() {
      const r = await sim.ipmitool(['session', 'info', 'active']);
      const m = /active sessions\s*:\s*(\d+)/.exec(r.stdout);
      if (!m) throw new Error(`no session count in: ${r.stdout}${r.stderr}`);
      return Number(m[1]);
    },
  };
  live.add(sim);
  return sim;
}

/** Stops every simulator this process started and has not stopped yet. */
export async function stopAllSims(): Promise<void> {
  await Promise.all([...live].map((s) => s.stop()));
}

/**
 * One console command over a fresh TCP connection. The console speaks a bare
 * telnet dialect: some IAC negotiation bytes, a "> " prompt, an echo of the
 * line, the output, and the next prompt.
 */
export function consoleCommand(consolePort: number, line: string, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect(consolePort, '127.0.0.1');
    let buf = '';
    let sent = false;
    const t = setTimeout(() => { sock.destroy(); reject(new Error(`console command timed out: ${line}`)); }, timeoutMs);
    const finish = (text: string) => { clearTimeout(t); sock.end(); resolve(text); };
    sock.on('error', (e) => { clearTimeout(t); reject(e); });
    sock.on('data', (d) => {
      // Drop telnet IAC sequences (0xFF cmd opt).
      const bytes: number[] = [];
      for (let i = 0; i < d.length; i++) {
        if (d[i] === 0xff) { i += 2; continue; }
        bytes.push(d[i]);
      }
      buf += Buffer.from(bytes).toString('latin1');
      if (!sent && buf.endsWith('> ')) {
        sent = true;
        buf = '';
        sock.write(line + '\n');
        return;
      }
      if (sent && buf.endsWith('> ')) {
        const body = buf.slice(0, -2).replace(/\r/g, '');
        const lines = body.split('\n');
        if (lines[0].trim() === line.trim()) lines.shift();
        finish(lines.join('\n').trim());
      }
    });
  });
}

// ---------------------------------------------------------------- UDP relay

export interface UdpRelay {
  readonly port: number;
  pause(): void;
  resume(): void;
  readonly paused: boolean;
  /** Sees every BMC -> client datagram; return what to deliver (undefined drops it). */
  onReply?: (reply: Buffer) => Buffer | undefined;
  /** Sees every client -> BMC datagram; return what to forward (undefined drops it). */
  onRequest?: (request: Buffer) => Buffer | undefined;
  injectToClients(packet: Buffer): void;
  close(): Promise<void>;
}

/**
 * A UDP relay on 127.0.0.1:<free port> forwarding to 127.0.0.1:<target>.
 * Each client address gets its own upstream socket so that replies find
 * their way back. Paused, it swallows everything (a BMC that went silent)
 * while keeping its port, so nothing else can take it meanwhile.
 */
export async function startUdpRelay(targetPort: number, targetHost = '127.0.0.1'): Promise<UdpRelay> {
  const port = await findFreeUdpPort();
  const front = dgram.createSocket('udp4');
  const upstreams = new Map<string, dgram.Socket>();
  const clients = new Map<string, { address: string; port: number }>();
  let paused = false;
  let closed = false;
  // eslint-disable-next-line prefer-const
  let relay: UdpRelay;
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.bind(port, '127.0.0.1', () => resolve());
  });
  front.on('error', () => { /* keep relaying */ });
  front.on('message', (msg, rinfo) => {
    if (paused) return;
    const key = `${rinfo.address}:${rinfo.port}`;
    let up = upstreams.get(key);
    if (!up) {
      const sock = dgram.createSocket('udp4');
      sock.on('error', () => { /* ignore */ });
      sock.on('message', (reply) => {
        if (paused) return;
        const out = relay.onReply ? relay.onReply(reply) : reply;
        if (out) front.send(out, rinfo.port, rinfo.address);
      });
      sock.bind(0, '127.0.0.1');
      upstreams.set(key, sock);
      clients.set(key, { address: rinfo.address, port: rinfo.port });
      up = sock;
    }
    const out = relay.onRequest ? relay.onRequest(msg) : msg;
    if (out) up.send(out, targetPort, targetHost);
  });
  relay = {
    port,
    get paused() { return paused; },
    pause() { paused = true; },
    resume() { paused = false; },
    injectToClients(packet: Buffer) {
      // A delayed datagram may come due after the relay was closed: it is lost, as on a real LAN.
      if (closed) return;
      for (const c of clients.values()) front.send(packet, c.port, c.address);
    },
    async close() {
      closed = true;
      for (const s of upstreams.values()) s.close();
      upstreams.clear();
      release(port);
      await new Promise<void>((r) => front.close(() => r()));
    },
  };
  return relay;
}

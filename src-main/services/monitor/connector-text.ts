/**
 * Reads HA Monitor Connector's own output, as taken on a server with
 * `haconnsetup show setting`, `haconnsetup show status` or bare
 * `haconnsetup show` (the layouts of the Connector guide), and compares it
 * with the inventory and, optionally, with FieldKit's own view of the BMCs.
 * Pure: no I/O, nothing is imported into the inventory.
 */
import type { Cluster } from '../../../shared/model/inventory';
import type { ServerStatus } from '../../../shared/model/monitor';
import { maskToPrefix, parseIPv4, sameSegment, parseIp } from '../../../shared/validation';

export interface ConnectorSetting {
  resetPath?: { addr: string; mask: string; port: number };
  servers: { index: number; name: string; bmcAddr: string; account: string }[];
}

export interface ConnectorStatusRow {
  index: number;
  name: string;
  link: 'OK' | 'NG' | '---';
  status: string;
}

export interface ConnectorText {
  setting?: ConnectorSetting;
  status?: ConnectorStatusRow[];
  version?: string;
  /** The Connector was not running when the text was taken. */
  notProcessing?: boolean;
}

export interface ParseProblem {
  line: number;
  text: string;
  why: string;
}

const STATUS_VALUES = ['(own server)', '----', 'monitoring', 'poff detected', 'dump detected'];

/**
 * Parses the documented layouts. Blank lines and surrounding spaces are
 * ignored (copies from terminals and PDFs vary); every other line must be
 * one of the layout's, else it is reported with its number and nothing is
 * returned for use.
 */
export function parseConnectorText(text: string): { value?: ConnectorText; problems: ParseProblem[] } {
  const problems: ParseProblem[] = [];
  const out: ConnectorText = {};
  let section: 'setting' | 'resetpath' | 'servers' | 'status' | 'version' | undefined;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim().replace(/\s+/g, ' ');
    const n = i + 1;
    const bad = (why: string) => problems.push({ line: n, text: raw, why });
    if (line === '') return;
    if (line === 'HA connector service is not processing.') { out.notProcessing = true; return; }
    if (line === '-- HA monitor connector service setting --') { section = 'setting'; out.setting = { servers: [] }; return; }
    if (line === '-- HA monitor connector service status --') { section = 'status'; out.status = []; return; }
    if (line === '-- HA monitor connector service version --') { section = 'version'; return; }
    if (section === 'setting' || section === 'resetpath' || section === 'servers') {
      if (line === '<resetpath>') { section = 'resetpath'; return; }
      if (line === '<physical server>') { section = 'servers'; return; }
      if (section === 'resetpath') {
        const m = /^addr:(\S*) mask:(\S*) port number:(\d*)$/.exec(line);
        if (!m) return bad('expected "addr:<ip> mask:<mask> port number:<port>"');
        if (m[1] && m[2] && m[3]) out.setting!.resetPath = { addr: m[1], mask: m[2], port: Number(m[3]) };
        return;
      }
      if (section === 'servers') {
        if (line === '# name bmc addr account') return;
        const m = /^(\d+) ([A-Za-z0-9]{1,31}) (\S+)(?: (\S+))?$/.exec(line);
        if (!m || !parseIp(m[3])) return bad('expected "<#> <name> <bmc addr> <account>"');
        out.setting!.servers.push({ index: Number(m[1]), name: m[2], bmcAddr: m[3], account: m[4] ?? '' });
        return;
      }
      return bad('expected <resetpath> or <physical server>');
    }
    if (section === 'status') {
      if (line === '# name link status') return;
      const m = /^(\d+) ([A-Za-z0-9]{1,31}) (OK|NG|---|--) (.+)$/.exec(line);
      if (!m || !STATUS_VALUES.includes(m[4])) return bad(`expected "<#> <name> <OK|NG|---> <${STATUS_VALUES.join('|')}>"`);
      out.status!.push({ index: Number(m[1]), name: m[2], link: m[3] === '--' ? '---' : (m[3] as ConnectorStatusRow['link']), status: m[4] });
      return;
    }
    if (section === 'version') {
      if (/^\d+(\.\d+)*$/.test(line) && out.version === undefined) { out.version = line; return; }
      return bad('expected a version number');
    }
    bad('not part of haconnsetup show output (expected a "-- HA monitor connector service ... --" heading first)');
  });
  if (problems.length === 0 && !out.setting && !out.status && !out.version && !out.notProcessing) {
    problems.push({ line: 0, text: '', why: 'no haconnsetup show output found' });
  }
  return problems.length ? { problems } : { value: out, problems };
}

export interface Finding {
  severity: 'info' | 'warning';
  en: string;
  ja: string;
}

/**
 * Differences between what a server's Connector shows (`from`: the server the
 * text was taken on) and the inventory cluster, and FieldKit's own status
 * sweep if given.
 */
export function compareConnector(t: ConnectorText, cluster: Cluster, from: string | undefined, live?: ServerStatus[]): Finding[] {
  const f: Finding[] = [];
  const on = from ? ` (${from})` : '';
  const onJa = from ? ` (${from})` : '';
  if (t.notProcessing) {
    f.push({
      severity: 'warning',
      en: `The Connector${on} was not running when the text was taken ("HA connector service is not processing."): start it (systemctl start haconnd, or service haconnd start on RHEL 6) and take the text again.`,
      ja: `テキスト取得時に Connector${onJa} が動作していませんでした ("HA connector service is not processing.")。起動して (systemctl start haconnd、RHEL 6 では service haconnd start) から取り直してください。`,
    });
  }
  const inv = new Map(cluster.servers.map((s) => [s.name.toLowerCase(), s]));
  if (t.setting) {
    const seen = new Set<string>();
    for (const p of t.setting.servers) {
      const s = inv.get(p.name.toLowerCase());
      seen.add(p.name.toLowerCase());
      if (!s) {
        f.push({ severity: 'warning', en: `${p.name} is registered in the Connector${on} but not in cluster ${cluster.name} of the inventory.`, ja: `${p.name} は Connector${onJa} に登録されていますが、インベントリのクラスタ ${cluster.name} にありません。` });
        continue;
      }
      const hosts = [s.bmc.primary.host, s.bmc.secondary?.host].filter(Boolean);
      if (!hosts.includes(p.bmcAddr)) {
        f.push({ severity: 'warning', en: `${p.name}: the Connector${on} has BMC address ${p.bmcAddr}; the inventory has ${hosts.join(', ')}.`, ja: `${p.name}: Connector${onJa} の BMC アドレスは ${p.bmcAddr}、インベントリでは ${hosts.join(', ')} です。` });
      }
      if (s.account && p.account !== s.account) {
        f.push({ severity: 'warning', en: `${p.name}: the Connector${on} uses BMC account "${p.account}"; the inventory has "${s.account}".`, ja: `${p.name}: Connector${onJa} の BMC アカウントは "${p.account}"、インベントリでは "${s.account}" です。` });
      }
    }
    for (const s of cluster.servers) {
      if (!seen.has(s.name.toLowerCase())) {
        f.push({ severity: 'warning', en: `${s.name} is in the inventory but not registered in the Connector${on}: haconnsetup pserver add ${s.name} addr=${s.bmc.primary.host}${s.account ? ` account=${s.account}` : ''} (every server, itself included).`, ja: `${s.name} はインベントリにありますが Connector${onJa} に登録されていません: haconnsetup pserver add ${s.name} addr=${s.bmc.primary.host}${s.account ? ` account=${s.account}` : ''} (自サーバを含むすべてのサーバ)。` });
      }
    }
    const rp = t.setting.resetPath;
    if (!rp) {
      f.push({ severity: 'warning', en: `The Connector${on} has no reset path: haconnsetup resetpath addr=<this server's address>/<mask> port=<5001-65535>.`, ja: `Connector${onJa} にリセットパスがありません: haconnsetup resetpath addr=<自サーバのアドレス>/<マスク> port=<5001-65535>。` });
    } else {
      if (cluster.resetPath && cluster.resetPath.port !== rp.port) {
        f.push({ severity: 'warning', en: `The Connector${on} uses reset-path port ${rp.port}; the inventory has ${cluster.resetPath.port} (one port for every server of the cluster).`, ja: `Connector${onJa} のリセットパスのポートは ${rp.port}、インベントリでは ${cluster.resetPath.port} です (クラスタ内で共通)。` });
      }
      // The Connector shows its own server's reset-path address: compare it with that server's in the inventory.
      const self = from ? inv.get(from.toLowerCase()) : undefined;
      if (self?.resetPathAddress && self.resetPathAddress !== rp.addr) {
        f.push({ severity: 'warning', en: `The Connector${on} uses reset-path address ${rp.addr}; the inventory has ${self.resetPathAddress} for ${self.name}.`, ja: `Connector${onJa} のリセットパスのアドレスは ${rp.addr}、インベントリの ${self.name} では ${self.resetPathAddress} です。` });
      }
      const ip = parseIp(rp.addr);
      const prefix = parseIPv4(rp.mask) ? maskToPrefix(rp.mask) : Number(rp.mask);
      if (ip && prefix !== null && Number.isFinite(prefix)) {
        for (const p of t.setting.servers) {
          const b = parseIp(p.bmcAddr);
          if (b && !sameSegment(ip, prefix, b, prefix)) {
            f.push({ severity: 'warning', en: `${p.name}'s BMC ${p.bmcAddr} is outside the reset-path segment ${rp.addr}/${rp.mask}${on}: the Connector cannot reach it over the reset path.`, ja: `${p.name} の BMC ${p.bmcAddr} はリセットパスのセグメント ${rp.addr}/${rp.mask}${onJa} の外にあります。Connector はリセットパス経由で到達できません。` });
          }
        }
      }
    }
  }
  if (t.status) {
    if (!t.status.some((r) => r.status === '(own server)')) {
      f.push({ severity: 'warning', en: `No server shows "(own server)"${on}: check this server's reset-path address (haconnsetup resetpath addr=) and that its own BMC is registered.`, ja: `"(own server)" と表示されるサーバがありません${onJa}。自サーバのリセットパスのアドレス (haconnsetup resetpath addr=) と、自サーバの BMC が登録されていることを確認してください。` });
    }
    for (const r of t.status) {
      const mine = live?.find((x) => x.server.toLowerCase() === r.name.toLowerCase());
      const fk = mine ? (mine.links.some((l) => l.link === 'OK') ? ' FieldKit reaches its BMC.' : ' FieldKit does not reach its BMC either.') : '';
      const fkJa = mine ? (mine.links.some((l) => l.link === 'OK') ? ' FieldKit からはその BMC に到達できます。' : ' FieldKit からもその BMC に到達できません。') : '';
      if (r.link === 'NG') {
        f.push({ severity: 'warning', en: `${r.name} shows link NG${from ? ` from ${from}` : ''}.${fk}`, ja: `${r.name} の link が NG です${from ? ` (${from} から)` : ''}。${fkJa}` });
      } else if (r.status === '----' || r.link === '---') {
        f.push({ severity: 'info', en: `${r.name} is not monitored yet${from ? ` by ${from}` : ''} (----).`, ja: `${r.name} はまだ監視されていません${from ? ` (${from})` : ''} (----)。` });
      } else if (r.status === 'poff detected' || r.status === 'dump detected') {
        f.push({ severity: 'info', en: `${r.name}: ${r.status}${from ? ` (seen from ${from})` : ''}.`, ja: `${r.name}: ${r.status}${from ? ` (${from} から)` : ''}。` });
      }
      if (!inv.has(r.name.toLowerCase())) {
        f.push({ severity: 'warning', en: `${r.name} appears in the Connector's status${on} but not in cluster ${cluster.name}.`, ja: `${r.name} は Connector${onJa} の状態表示にありますが、クラスタ ${cluster.name} にありません。` });
      }
    }
  }
  return f;
}

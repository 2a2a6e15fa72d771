/**
 * HA Monitor Connector's set-up for every server of a cluster, as the
 * Connector guide's procedure goes: on each server stop HA monitor and the
 * Connector, `haconnsetup resetpath` with that server's own address,
 * `haconnsetup pserver add` for every server of the cluster (itself
 * included), start again, and check `haconnsetup show status`.
 *
 * One module for every front end: the CLI prints connectorSetupLines, the
 * window renders connectorSetupSections on a printable page. Pure TS.
 *
 * Never a password: haconnsetup asks for it at its own "password :" prompt.
 * Where the inventory lacks a value (a server's reset-path address, the
 * cluster's mask and port), the block says what is missing
 * instead of printing a command that would set the Connector up wrongly.
 */
import type { Lang } from './messages';
import type { Cluster, Server } from './model/inventory';
import { parseIPv4, prefixToMask } from './validation/net';

type Text = { en: string; ja: string };

export interface SetupServerLine {
  server: string;
  /** `haconnsetup pserver add <name> addr=<bmc> [account=<user>]`. */
  command: string;
  /** Something the engineer should know about this line (no account recorded, a BMC port other than 623). */
  note?: Text;
}

export interface SetupServerBlock {
  server: string;
  /** `<ip>/<mask>` of this server's resetpath addr=, when known. */
  address?: string;
  resetpathCommand?: string;
  pserverLines: SetupServerLine[];
  /** What the inventory lacks for this block (then its commands are not printed: they would set the Connector up wrongly). */
  missing: Text[];
  /** `haconnsetup show status` as it should read on this server, in the Connector's layout. */
  expectedStatus: string[];
  ready: boolean;
}

export interface ConnectorSetup {
  cluster: string;
  port?: number;
  mask?: string;
  servers: SetupServerBlock[];
  /** Every block can be run as printed. */
  ready: boolean;
}

/** haconnsetup shows and takes IPv4 masks dotted; an IPv6 prefix stays a length. */
function maskOf(address: string | undefined, prefix: number): string {
  return address && parseIPv4(address) ? prefixToMask(prefix) : String(prefix);
}

/** The Connector reaches every BMC on RMCP's own port. */
const RMCP_PORT = 623;

function pserverLine(s: Server): SetupServerLine {
  const { host, port } = s.bmc.primary;
  const command = `haconnsetup pserver add ${s.name} addr=${host}${s.account ? ` account=${s.account}` : ''}`;
  // The guide: account= may be left out when the BMC's default user is kept; then no password is asked.
  if (!s.account) {
    return {
      server: s.name,
      command,
      note: {
        en: `${s.name}: no BMC account recorded, so account= is left out and the Connector uses the BMC's default user; if it was changed: fieldkit pserver mod ${s.name} account=<user>`,
        ja: `${s.name}: BMC アカウントが登録されていないため account= を省略しています (Connector は BMC の既定のユーザを使います)。変更している場合は fieldkit pserver mod ${s.name} account=<ユーザ名>`,
      },
    };
  }
  if (port !== undefined && port !== RMCP_PORT) {
    return {
      server: s.name,
      command,
      note: {
        en: `${s.name}: the inventory reaches this BMC on port ${port}; the Connector always uses UDP ${RMCP_PORT}.`,
        ja: `${s.name}: インベントリではこの BMC にポート ${port} で接続しますが、Connector は常に UDP ${RMCP_PORT} を使います。`,
      },
    };
  }
  return { server: s.name, command };
}

/** The cluster's reset-path mask as haconnsetup shows it (dotted for IPv4, the family of the servers' addresses); undefined without a reset path. */
export function resetMaskText(cluster: Cluster): string | undefined {
  const rp = cluster.resetPath;
  if (!rp) return undefined;
  const firstAddr = cluster.servers.find((s) => s.resetPathAddress)?.resetPathAddress ?? rp.unassignedAddress;
  return maskOf(firstAddr, rp.prefixLength);
}

export function connectorSetup(cluster: Cluster): ConnectorSetup {
  const rp = cluster.resetPath;
  const lines = cluster.servers.map(pserverLine);
  const mask = resetMaskText(cluster);
  const servers = cluster.servers.map((s, i): SetupServerBlock => {
    const missing: Text[] = [];
    if (!rp) {
      missing.push({
        en: `the cluster's reset-path mask and port (fieldkit resetpath addr=<ip>/<mask> port=<5001-65535> --server ${s.name})`,
        ja: `クラスタのリセットパスのマスクとポート (fieldkit resetpath addr=<IP>/<マスク> port=<5001-65535> --server ${s.name})`,
      });
    }
    if (!s.resetPathAddress) {
      missing.push({
        en: `${s.name}'s own reset-path address (fieldkit resetpath addr=<ip>/<mask> --server ${s.name})`,
        ja: `${s.name} 自身のリセットパスのアドレス (fieldkit resetpath addr=<IP>/<マスク> --server ${s.name})`,
      });
    }
    const address = rp && s.resetPathAddress ? `${s.resetPathAddress}/${maskOf(s.resetPathAddress, rp.prefixLength)}` : undefined;
    return {
      server: s.name,
      address,
      resetpathCommand: address && rp ? `haconnsetup resetpath addr=${address} port=${rp.port}` : undefined,
      pserverLines: lines,
      missing,
      expectedStatus: [
        '-- HA monitor connector service status --',
        ' # name  link status',
        ...cluster.servers.map((o, j) => ` ${j + 1} ${o.name}  OK ${j === i ? '(own server)' : 'monitoring'}`),
      ],
      ready: missing.length === 0,
    };
  });
  return { cluster: cluster.name, port: rp?.port, mask, servers, ready: servers.length > 0 && servers.every((b) => b.ready) };
}

export interface SetupSection {
  /** The server a section is about; absent for the introduction. */
  server?: string;
  title: string;
  lines: string[];
  ready: boolean;
}

const T = {
  title: { en: 'HA Monitor Connector set-up: cluster {cluster}', ja: 'HA Monitor Connector の設定: クラスタ {cluster}' },
  segment: { en: 'Reset path: mask {mask}, port {port} (the same on every server); each server uses its own address.', ja: 'リセットパス: マスク {mask}、ポート {port} (全サーバ共通)。アドレスはサーバごとに異なります。' },
  noSegment: { en: 'Reset path: not recorded yet (mask and port missing).', ja: 'リセットパス: 未登録 (マスクとポートがありません)。' },
  root: { en: 'Run the commands as root on the server each block names (haconnsetup is in /opt/hitachi/haconn2/bin).', ja: '各ブロックのコマンドは、そのブロックのサーバ上で root 権限で実行します (haconnsetup は /opt/hitachi/haconn2/bin にあります)。' },
  order: {
    en: 'On a cluster in operation, stop HA monitor on every server, then the Connector on every server, before the first change; start every Connector, then every HA monitor, after the last (the guide\'s order for changing an HA monitor cluster).',
    ja: '運用中のクラスタでは、最初の変更の前にすべてのサーバで HA モニタを停止し、次にすべての Connector を停止します。最後の変更の後、すべての Connector を起動し、次にすべての HA モニタを起動します (ガイドの HA モニタクラスタ構成変更の手順)。',
  },
  firewall: {
    en: 'Firewall on every server: let UDP port {port} (the reset path) and UDP port 623 (ipmitool to the BMCs) through.',
    ja: '全サーバのファイアウォール: UDP ポート {port} (リセットパス) と UDP ポート 623 (ipmitool から BMC へ) の通信を許可してください。',
  },
  passwords: {
    en: 'Passwords are never printed here: haconnsetup asks for each BMC password at its "password :" prompt (no echo).',
    ja: 'パスワードはここには印刷しません。haconnsetup が "password :" プロンプトで BMC ごとに尋ねます (エコーなし)。',
  },
  server: { en: 'Server {server}', ja: 'サーバ {server}' },
  missing: { en: 'Cannot be set up from the inventory yet. Missing:', ja: 'インベントリの情報が足りないため、まだ設定できません。不足:' },
  stop: { en: '1. Stop HA monitor (as its manual says), then the Connector:', ja: '1. HA モニタを停止し (HA モニタのマニュアルの手順)、次に Connector を停止します:' },
  stopCmd: { en: '     systemctl stop haconnd        (RHEL 6: service haconnd stop)', ja: '     systemctl stop haconnd        (RHEL 6: service haconnd stop)' },
  resetpath: { en: '2. Reset path, with {server}\'s own address on the reset-path segment:', ja: '2. リセットパス ({server} 自身のリセットパス側アドレス):' },
  pserver: {
    en: '3. Register every server of the cluster, {server} included (with account=, each asks "password :"):',
    ja: '3. クラスタのすべてのサーバを登録します ({server} 自身を含む。account= を指定したものは "password :" を尋ねます):',
  },
  already: { en: '   A server already registered: haconnsetup pserver mod <name> addr=<bmc ip> account=<user> instead.', ja: '   登録済みのサーバは haconnsetup pserver mod <名前> addr=<BMC の IP> account=<ユーザ名> で変更します。' },
  check: { en: '4. haconnsetup show setting: <resetpath> shows addr:{addr} mask:{mask} port number:{port}; <physical server> lists all {count} servers.', ja: '4. haconnsetup show setting: <resetpath> が addr:{addr} mask:{mask} port number:{port}、<physical server> に {count} 台すべてが表示されること。' },
  start: { en: '5. Start the Connector, then HA monitor:', ja: '5. Connector を起動し、次に HA モニタを起動します:' },
  startCmd: { en: '     systemctl start haconnd       (RHEL 6: service haconnd start)', ja: '     systemctl start haconnd       (RHEL 6: service haconnd start)' },
  enable: { en: '   To start it at boot: systemctl enable haconnd   (RHEL 6: chkconfig haconnd on)', ja: '   OS 起動時に自動起動する場合: systemctl enable haconnd   (RHEL 6: chkconfig haconnd on)' },
  status: { en: '6. haconnsetup show status should read:', ja: '6. haconnsetup show status が次のとおりであること:' },
  own: {
    en: '   {server} must show "(own server)" and the others "monitoring" with link OK. No "(own server)": check {server}\'s reset-path address and that every BMC is on the reset-path segment.',
    ja: '   {server} が "(own server)"、他のサーバが link OK で "monitoring" であること。"(own server)" と表示されない場合は、{server} のリセットパスのアドレスと、すべての BMC がリセットパスのセグメントにあることを確認してください。',
  },
} satisfies Record<string, Text>;

function fill(t: Text, lang: Lang, params: Record<string, string | number> = {}): string {
  return t[lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** The set-up as titled sections: the introduction, then one per server (for the printable page). */
export function connectorSetupSections(doc: ConnectorSetup, lang: Lang): SetupSection[] {
  const port = doc.port ?? '<port>';
  const intro: SetupSection = {
    title: fill(T.title, lang, { cluster: doc.cluster }),
    lines: [
      doc.mask !== undefined && doc.port !== undefined ? fill(T.segment, lang, { mask: doc.mask, port: doc.port }) : fill(T.noSegment, lang),
      fill(T.root, lang),
      fill(T.order, lang),
      fill(T.firewall, lang, { port }),
      fill(T.passwords, lang),
    ],
    ready: doc.ready,
  };
  const blocks = doc.servers.map((b): SetupSection => {
    const p = { server: b.server };
    if (!b.ready) {
      return { server: b.server, title: fill(T.server, lang, p), lines: [fill(T.missing, lang), ...b.missing.map((m) => `  - ${m[lang]}`)], ready: false };
    }
    const [addr, mask] = b.address!.split('/');
    return {
      server: b.server,
      title: fill(T.server, lang, p),
      ready: true,
      lines: [
        fill(T.stop, lang),
        fill(T.stopCmd, lang),
        fill(T.resetpath, lang, p),
        `     ${b.resetpathCommand}`,
        fill(T.pserver, lang, p),
        ...b.pserverLines.map((l) => `     ${l.command}`),
        ...b.pserverLines.flatMap((l) => (l.note ? [`   ${l.note[lang]}`] : [])),
        fill(T.already, lang),
        fill(T.check, lang, { addr, mask, port, count: b.pserverLines.length }),
        fill(T.start, lang),
        fill(T.startCmd, lang),
        fill(T.enable, lang),
        fill(T.status, lang),
        ...b.expectedStatus.map((l) => `    ${l}`),
        fill(T.own, lang, p),
      ],
    };
  });
  return [intro, ...blocks];
}

/** The whole set-up as text lines (the CLI's output). */
export function connectorSetupLines(doc: ConnectorSetup, lang: Lang): string[] {
  return connectorSetupSections(doc, lang).flatMap((s) => [s.server ? `== ${s.title} ==` : s.title, ...s.lines, '']);
}

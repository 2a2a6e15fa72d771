/**
 * The prerequisites the vendors' guides set per server model, as one
 * checklist for `config check`, the recovery wizard's checklist step and the
 * firmware pre-flight.
 *
 * Sources: the CLUSTERPRO X 4.1 Hardware Feature Guide (000_*: NX7700x and
 * Express5800/A1080a, A1040a integration) and the HA8000 HA Monitor
 * Connector guide (003_*). None of these can be seen from the laptop on the
 * BMC LAN (services, licences, ServerAgent settings, HA monitor settings,
 * the servers' firewalls), so every item is something for the engineer to
 * confirm on the server, with where to look; FieldKit never marks one passed.
 * Only notes about the inventory itself (model not recorded, a model the
 * guides do not cover) come from FieldKit's own data.
 *
 * Pure: no Node, no DOM.
 */
import { DEFAULT_TRAP_PORT, type Cluster, type ServerModel } from '../model/inventory';
import { BMC_NOTICE_CATEGORY, parseTrapKeyword } from '../validation/keyword';
import { MANUAL_TITLES, type Bilingual } from './notices';

/** The models the guides give prerequisites for. */
export const GUIDE_MODELS = ['NX7700x', 'Express5800/A1080a', 'Express5800/A1040a', 'HA8000'] as const satisfies readonly ServerModel[];
export type GuideModel = (typeof GUIDE_MODELS)[number];

export interface PrereqItem {
  /** Stable id: "nx7700x.acpi", "firewall.reset-path", "model.unrecorded"... */
  id: string;
  /** confirm: the engineer checks it on the server; note: about the inventory. Never "passed". */
  kind: 'confirm' | 'note';
  /** The models it belongs to (empty for the notes). */
  models: GuideModel[];
  /** The servers of the checked scope it concerns. */
  servers: string[];
  /** 000 = CLUSTERPRO Hardware Feature Guide, 003 = HA Monitor Connector guide; absent for FieldKit's own notes. */
  manual?: '000' | '003';
  /** What must hold. */
  title: Bilingual;
  /** Where to look, how to confirm it. */
  where: Bilingual;
}

export interface PrereqChecklist {
  items: PrereqItem[];
  /** Servers whose model is not recorded: they get the items of every model. */
  unrecorded: string[];
}

/** A server in scope, with what the checklist needs of its cluster. */
interface Scoped {
  name: string;
  model?: ServerModel;
  cluster: Cluster;
}

type Template = Omit<PrereqItem, 'servers' | 'kind'> & { ports?: (c: Cluster, server: string) => number[] };

const EXPRESS: GuideModel[] = ['Express5800/A1080a', 'Express5800/A1040a'];
const SERVICE_WHERE = {
  en: 'on the server: systemctl status {svc} (RHEL 6: service {svc} status); enabled at boot: systemctl is-enabled {svc}',
  ja: 'サーバ上で: systemctl status {svc} (RHEL 6 では service {svc} status)。起動時の自動起動: systemctl is-enabled {svc}',
};
const service = (svc: string): Bilingual => ({ en: SERVICE_WHERE.en.replace(/\{svc\}/g, svc), ja: SERVICE_WHERE.ja.replace(/\{svc\}/g, svc) });

/** The trap port of a server: its own BMCNOTICE keyword's, else the cluster keyword's, else 162. */
function trapPorts(c: Cluster, server: string): number[] {
  const ports = new Set<number>();
  for (const m of c.trapSettings?.monitors ?? []) {
    if (m.category !== BMC_NOTICE_CATEGORY) continue;
    const own = m.serverKeywords?.find((k) => k.server === server)?.keyword;
    const p = parseTrapKeyword(own ?? m.keyword).value?.port;
    if (p !== undefined) ports.add(p);
  }
  return ports.size ? [...ports] : [DEFAULT_TRAP_PORT];
}

const TEMPLATES: Template[] = [
  // NX7700x (000_*: NX7700x integration, its cautions).
  {
    id: 'nx7700x.supported',
    models: ['NX7700x'],
    manual: '000',
    title: { en: 'The server and its BMC firmware support the NX7700x integration (I/O Fencing, BMC notices); the integration is verified on x86_64 only', ja: 'サーバと BMC ファームウェアが NX7700x シリーズ連携 (I/O Fencing、BMC 通知) に対応している (動作確認は x86_64 のみ)' },
    where: { en: 'CLUSTERPRO Getting Started Guide, chapter 3, "servers supporting the NX7700x integration" (NX7700x シリーズとの連携に対応したサーバ); the BMC firmware version: fieldkit mc info <server>', ja: 'CLUSTERPRO スタートアップガイド 第 3 章「NX7700x シリーズとの連携に対応したサーバ」。BMC ファームウェアの版数: fieldkit mc info <サーバ>' },
  },
  { id: 'service.ipmi', models: ['NX7700x', ...EXPRESS], manual: '000', title: { en: 'The ipmi service is running on the server', ja: 'サーバで ipmi サービスが動作している' }, where: service('ipmi') },
  { id: 'nx7700x.acpi', models: ['NX7700x'], manual: '000', title: { en: 'The acpi service is running on the server (CLUSTERPRO fences through it)', ja: 'サーバで acpi サービスが動作している (CLUSTERPRO はこれを使って閉塞する)' }, where: service('acpid') },
  {
    id: 'nx7700x.license',
    models: ['NX7700x'],
    manual: '000',
    title: { en: 'The CLUSTERPRO High-End Server Option licence is registered (needed for I/O Fencing and the BMC monitor)', ja: 'CLUSTERPRO High-End Server Option のライセンスが登録されている (I/O Fencing と BMC モニタに必要)' },
    where: { en: 'Cluster WebUI / the licence list of CLUSTERPRO on each server; in the monitor definition dialog "BMC monitor" is offered only with it', ja: '各サーバの Cluster WebUI / CLUSTERPRO のライセンス一覧。ライセンスがないとモニタリソースの定義で BMC モニタを選べない' },
  },
  // Express5800/A1080a, A1040a (000_*: their integration's cautions).
  {
    id: 'express5800.supported',
    models: EXPRESS,
    manual: '000',
    title: { en: 'The server and its BMC firmware support the Express5800/A1080a, A1040a integration', ja: 'サーバと BMC ファームウェアが Express5800/A1080a,A1040a シリーズ連携に対応している' },
    where: { en: 'CLUSTERPRO Getting Started Guide, chapter 3, hardware, "servers supporting the Express5800/A1080a, A1040a integration"', ja: 'CLUSTERPRO スタートアップガイド 第 3 章 ハードウェア「Express5800/A1080a,A1040a シリーズとの連携に対応したサーバ」' },
  },
  {
    id: 'express5800.esmpro-events',
    models: EXPRESS,
    manual: '000',
    title: {
      en: 'Where ESMPRO/ServerAgent runs beside CLUSTERPRO: the agent events C00001FD, C0000203, C0000454 of source ESMCOMMONSERVICE have their action after reporting changed from shutdown to "do nothing"',
      ja: 'ESMPRO/ServerAgent を同じ環境で使う場合: ソース ESMCOMMONSERVICE のエージェントイベント C00001FD、C0000203、C0000454 の通報後動作が “シャットダウン” から “何もしない” に変更されている',
    },
    where: {
      en: 'as root: /opt/nec/esmpro_sa/bin/ESMamsadm → エージェントイベントの設定 → ソース名 ESMCOMMONSERVICE → イベントID → [設定...] → 通報後動作 (fieldkit explain C00001FD)',
      ja: 'root で /opt/nec/esmpro_sa/bin/ESMamsadm →「エージェントイベントの設定」→ ソース名 ESMCOMMONSERVICE → イベントID → [設定...] →「通報後動作」(fieldkit explain C00001FD)',
    },
  },
  // Both CLUSTERPRO integrations: the BMC's SNMP trap must reach the OS.
  {
    id: 'bmc.trap-path',
    models: ['NX7700x', ...EXPRESS],
    manual: '000',
    title: { en: 'The BMC\'s network interface and the server\'s OS interface can reach each other over TCP/IP (the BMC\'s notices travel as SNMP traps)', ja: 'BMC のネットワークインタフェースと OS のネットワークインタフェースが TCP/IP で通信できる (BMC の通知は SNMP Trap で届く)' },
    where: { en: 'on the server: ping each BMC address from the OS address listed in the BMCNOTICE keyword', ja: 'サーバ上で: BMCNOTICE キーワードに書いた OS 側アドレスから各 BMC アドレスへ ping する' },
  },
  {
    id: 'firewall.trap',
    models: ['NX7700x', ...EXPRESS],
    manual: '000',
    title: { en: 'The server\'s firewall lets in SNMP traps on UDP {ports} (the port of the BMCNOTICE keyword, 162 when none is given)', ja: 'サーバのファイアウォールが UDP {ports} の SNMP Trap を通す (BMCNOTICE キーワードのポート、省略時は 162)' },
    where: { en: 'on each server: firewall-cmd --list-all (RHEL 6: iptables -L -n)', ja: '各サーバ上で: firewall-cmd --list-all (RHEL 6 では iptables -L -n)' },
    ports: trapPorts,
  },
  // HA8000 with the HA Monitor Option BH40 (003_*).
  {
    id: 'ha8000.option',
    models: ['HA8000'],
    manual: '003',
    title: { en: 'The server is an HA8000 covered by the HA Monitor Option GQS-VSS7BH40EX / GQS-VSS7BH40 (BH40), and every server of the HA monitor cluster uses this option (no mix with the earlier BH30 option)', ja: 'サーバが HA モニタオプション GQS-VSS7BH40EX / GQS-VSS7BH40 (BH40) の対象の HA8000 で、HA モニタクラスタ内のすべてのサーバがこのオプションを使っている (従来の BH30 と混在しない)' },
    where: { en: 'Hitachi\'s list of prerequisite hardware and OS for the HA Monitor Option (http://www.hitachi.co.jp/Prod/comp/OSD/pc/ha/peripheral/index.html); installed package: rpm -qa | grep haconnr2', ja: '日立の HA モニタオプション前提ハードウェア・OS 一覧 (http://www.hitachi.co.jp/Prod/comp/OSD/pc/ha/peripheral/index.html)。インストール済みパッケージ: rpm -qa | grep haconnr2' },
  },
  {
    id: 'ha8000.software',
    models: ['HA8000'],
    manual: '003',
    title: { en: 'HA monitor 01-61 or later and the RHEL release\'s own ipmitool are installed (without ipmitool the Connector does not start: HCME1010)', ja: 'HA モニタ 01-61 以降と、RHEL 標準の ipmitool がインストールされている (ipmitool がないと Connector は起動しない: HCME1010)' },
    where: { en: 'on the server: rpm -q ipmitool; the HA monitor\'s version as its manual shows it', ja: 'サーバ上で: rpm -q ipmitool。HA モニタの版数は HA モニタのマニュアルの方法で確認' },
  },
  {
    id: 'ha8000.ipmi-service',
    models: ['HA8000'],
    manual: '003',
    title: { en: 'The ipmi service is running and starts before the Connector (haconnd), which starts before the HA monitor (HAmon); they stop in the reverse order', ja: 'ipmi サービスが動作しており、ipmi → Connector (haconnd) → HA モニタ (HAmon) の順に起動し、逆の順に停止する' },
    where: { en: 'on the server: systemctl status ipmi; RHEL 6: the chkconfig start/stop numbers in /etc/init.d/haconnd', ja: 'サーバ上で: systemctl status ipmi。RHEL 6 では /etc/init.d/haconnd の chkconfig の起動・終了番号' },
  },
  {
    id: 'ha8000.reset-times',
    models: ['HA8000'],
    manual: '003',
    title: { en: 'Where Hitachi\'s prerequisite list gives model-specific values, the HA monitor\'s reset end time (系のリセット終了時間) and reset issue wait time (系のリセット発行待ち時間) are set to them', ja: '前提ハードウェア・OS 一覧に機種固有の値がある装置では、HA モニタの「系のリセット終了時間」と「系のリセット発行待ち時間」がその値に設定されている' },
    where: { en: 'the values: Hitachi\'s prerequisite hardware and OS list for the model; the settings: the HA monitor\'s environment settings (see the HA monitor manual)', ja: '値: 当該機種の前提ハードウェア・OS 一覧。設定: HA モニタの環境設定 (HA モニタのマニュアル参照)' },
  },
  {
    id: 'firewall.reset-path',
    models: ['HA8000'],
    manual: '003',
    title: { en: 'The server\'s firewall lets through UDP {ports} (the Connector\'s reset-path port) and UDP 623 (ipmitool to the BMCs)', ja: 'サーバのファイアウォールが UDP {ports} (Connector のリセットパスのポート) と UDP 623 (ipmitool から BMC) を通す' },
    where: { en: 'on each server: firewall-cmd --list-all (RHEL 6: iptables -L -n); the port: haconnsetup show setting, "port number"', ja: '各サーバ上で: firewall-cmd --list-all (RHEL 6 では iptables -L -n)。ポート: haconnsetup show setting の「port number」' },
    ports: (c) => (c.resetPath ? [c.resetPath.port] : []),
  },
];

const NO_RESET_PORT: Bilingual = { en: '(reset-path port not recorded)', ja: '(リセットパスのポート未登録)' };
const fill = (b: Bilingual, ports: number[]): Bilingual => ({
  en: b.en.replace('{ports}', ports.length ? ports.join(', ') : NO_RESET_PORT.en),
  ja: b.ja.replace('{ports}', ports.length ? ports.join(', ') : NO_RESET_PORT.ja),
});

/** The heading over the list wherever it is shown (config check, recovery checklist, firmware pre-flight). */
export const PREREQ_HEADING: Bilingual = {
  en: 'Prerequisites from the vendors\' guides, per model (check by hand on the servers: FieldKit cannot see these from the BMC LAN):',
  ja: 'ベンダーのガイドによる機種別の前提条件 (サーバ上で手動で確認してください。FieldKit は BMC LAN からは確認できません):',
};

/** How every item the engineer confirms on the server is marked: FieldKit cannot see it, so it is never "passed". */
export const CHECK_BY_HAND: Bilingual = { en: 'check by hand', ja: '手動で確認' };

/**
 * The checklist for some servers (all of the clusters given when `only` is
 * absent). Each item lists the servers it concerns: a server of a recorded
 * model gets that model's items, one of unrecorded model every model's.
 */
export function buildPrerequisites(clusters: readonly Cluster[], only?: readonly string[]): PrereqChecklist {
  const scoped: Scoped[] = clusters.flatMap((cluster) => cluster.servers.filter((s) => !only || only.includes(s.name)).map((s) => ({ name: s.name, model: s.model, cluster })));
  const unrecorded = scoped.filter((s) => s.model === undefined).map((s) => s.name);
  const other = scoped.filter((s) => s.model === 'other').map((s) => s.name);
  const items: PrereqItem[] = [];
  if (unrecorded.length) {
    items.push({
      id: 'model.unrecorded',
      kind: 'note',
      models: [],
      servers: unrecorded,
      title: { en: 'Model not recorded: the items of every model are listed for these servers', ja: '機種が未登録のため、これらのサーバにはすべての機種の項目を表示しています' },
      where: { en: 'record the model in the Inventory view (server dialog) so that only its items are listed', ja: '構成画面 (サーバのダイアログ) で機種を登録すると、その機種の項目だけが表示されます' },
    });
  }
  if (other.length) {
    items.push({
      id: 'model.other',
      kind: 'note',
      models: [],
      servers: other,
      title: { en: 'A model the guides do not cover (they cover NX7700x, Express5800/A1080a and A1040a, HA8000 with the BH40 option): FieldKit lists no model prerequisites for it', ja: 'ガイドの対象外の機種です (対象は NX7700x、Express5800/A1080a・A1040a、BH40 オプションの HA8000)。機種別の前提条件は表示しません' },
      where: { en: 'the vendor\'s documentation for this model', ja: 'この機種のベンダー資料' },
    });
  }
  for (const t of TEMPLATES) {
    const concerned = scoped.filter((s) => s.model === undefined || (t.models as readonly ServerModel[]).includes(s.model));
    if (!concerned.length) continue;
    let title = t.title;
    if (t.ports) {
      const ports = [...new Set(concerned.flatMap((s) => t.ports!(s.cluster, s.name)))].sort((a, b) => a - b);
      title = fill(t.title, ports);
    }
    items.push({ id: t.id, kind: 'confirm', models: t.models, servers: concerned.map((s) => s.name), manual: t.manual!, title, where: t.where });
  }
  return { items, unrecorded };
}

/** The checklist as text lines (CLI, reports): "[ ] check by hand: title", the servers, where to look; never a tick. */
export function prerequisiteLines(items: readonly PrereqItem[], lang: 'en' | 'ja'): string[] {
  const out: string[] = [];
  for (const i of items) {
    const head = i.kind === 'note' ? `! ${i.title[lang]}` : `[ ] ${CHECK_BY_HAND[lang]}: ${i.title[lang]}`;
    out.push(head);
    out.push(`    ${lang === 'ja' ? '対象' : 'servers'}: ${i.servers.join(', ')}${i.manual ? ` (${MANUAL_TITLES[i.manual][lang]})` : ''}`);
    out.push(`    ${lang === 'ja' ? '確認方法' : 'how'}: ${i.where[lang]}`);
  }
  return out;
}

/**
 * The catalogue of messages and notices an engineer meets around BMC fencing:
 * HA Monitor Connector's syslog messages and output (Connector guide, 003_*),
 * and the CLUSTERPRO notices of the Hardware Feature Guide (000_*): BMC notices
 * to the external monitor (category BMCNOTICE), I/O Fencing and the PCI slot
 * texts of the BMC web console, BMC heartbeat and BMC monitor, the
 * ESMPRO/ServerAgent events the guide names, and the server management
 * categories.
 *
 * Identifiers, message texts and screen labels are the vendors' own, quoted
 * as facts; meaning and action are FieldKit's words. Where a guide gives no
 * message id, the id is FieldKit's (idKind 'fieldkit') and `text` says what
 * the notice is rather than quoting a message (textKind 'description'): the
 * guides do not print those notices' log lines, and FieldKit does not invent them.
 *
 * Pure data (no Node, no DOM): the CLI, the main process and the renderer all read it.
 */

export type NoticeSource = 'connector' | 'clusterpro' | 'esmpro' | 'bmc-console';
export type Bilingual = { en: string; ja: string };

export interface Notice {
  /** HCME1012, C00001FD... or FieldKit's own key (CLP-...) where the guide has no id. */
  id: string;
  idKind: 'vendor' | 'fieldkit';
  source: NoticeSource;
  /** Which manual says so: 000 = CLUSTERPRO X 4.1 Hardware Feature Guide, 003 = HA8000 HA Monitor Connector guide. */
  manual: '000' | '003';
  /** The product that writes or shows it. */
  product: string;
  /** verbatim: the exact text (%s = a value filled in); label: a screen label; description: what it is (no text in the guide). */
  textKind: 'verbatim' | 'label' | 'description';
  text: string;
  /**
   * How a pasted line is recognised beyond its id: case-insensitive
   * substrings, taken from the guide's texts and terms (never guessed log formats).
   */
  patterns: string[];
  /** Models it concerns, when only some. */
  models?: string[];
  meaning: Bilingual;
  action: Bilingual;
}

/** The two guides by the names an engineer finds them under. */
export const MANUAL_TITLES: Record<Notice['manual'], Bilingual> = {
  '000': { en: 'CLUSTERPRO X 4.1 Hardware Feature Guide', ja: 'CLUSTERPRO X 4.1 ハードウェア連携ガイド' },
  '003': { en: 'HA8000 HA Monitor Option, HA Monitor Connector guide', ja: 'HA8000 HA モニタオプション HA Monitor Connector ガイド' },
};

const SOURCE_PRODUCT: Record<NoticeSource, string> = {
  connector: 'HA Monitor Connector (HA8000)',
  clusterpro: 'CLUSTERPRO X 4.1',
  esmpro: 'ESMPRO/ServerAgent (ESMCOMMONSERVICE)',
  'bmc-console': 'EXPRESSSCOPE Engine 3 (BMC web console)',
};

/** The product name of a source, for lists and the window. */
export function sourceProduct(source: NoticeSource): string {
  return SOURCE_PRODUCT[source];
}

const START_CONNECTOR = {
  en: 'start the Connector (systemctl start haconnd; RHEL 6: service haconnd start)',
  ja: 'Connector を起動してください (systemctl start haconnd、RHEL 6 では service haconnd start)',
};

/** The Connector's start failures share their first sentence; `reason` is the rest of the message. */
const CANNOT_START = 'HA connector service cannot be started.';

type ConnectorEntry = Pick<Notice, 'id' | 'text' | 'patterns' | 'meaning' | 'action'>;

/** A start failure: the message is "<id>: HA connector service cannot be started. <reason>"; the reason identifies a pasted line. */
function cannotStart(id: string, reason: string, meaning: Bilingual, action: Bilingual): ConnectorEntry {
  return { id, text: `${id}: ${CANNOT_START} ${reason}`, patterns: [reason.replace(/\.$/, '')], meaning, action };
}

/** HA Monitor Connector: the syslog messages and the "not processing" answer of haconnsetup show. */
const CONNECTOR_ENTRIES: ConnectorEntry[] = [
  cannotStart(
    'HCME1010',
    'There is no ipmitool. Check the ipmitool is installed.',
    { en: 'The Connector did not start on this server: it drives the BMCs with ipmitool, and ipmitool is not installed.', ja: 'このサーバで Connector が起動しませんでした。Connector は ipmitool で BMC を操作しますが、ipmitool がインストールされていません。' },
    { en: `Install ipmitool on this server (the OpenIPMI packages first, as the guide lists them), then ${START_CONNECTOR.en}.`, ja: `このサーバに ipmitool をインストールしてから (ガイドの順に OpenIPMI のパッケージを先に)、${START_CONNECTOR.ja}。` },
  ),
  cannotStart(
    'HCME1011',
    'Failed to initialize. Please System rebooted.',
    { en: 'The Connector did not start: its initialisation failed.', ja: 'Connector が起動しませんでした。初期化に失敗しています。' },
    { en: 'Reboot the OS this Connector runs on (fail the HA monitor\'s groups over first), then check haconnsetup show status.', ja: 'この Connector が動作している OS を再起動してください (先に HA モニタのグループを切り替えておく)。その後 haconnsetup show status を確認します。' },
  ),
  cannotStart(
    'HCME1012',
    "Please check HA connector's configuration.",
    { en: 'The Connector did not start: its settings (reset path, physical servers) are wrong or incomplete.', ja: 'Connector が起動しませんでした。設定 (リセットパス、物理サーバ) が誤っているか不足しています。' },
    { en: 'Check the settings with haconnsetup show setting (compare them with FieldKit: fieldkit show compare FILE), correct them with haconnsetup resetpath / pserver, then start the Connector.', ja: 'haconnsetup show setting で設定を確認し (FieldKit との比較: fieldkit show compare FILE)、haconnsetup resetpath / pserver で修正してから Connector を起動してください。' },
  ),
  cannotStart(
    'HCME1013',
    'Please reinstall HA connector.',
    { en: 'The Connector did not start: its installation is damaged.', ja: 'Connector が起動しませんでした。インストールが壊れています。' },
    { en: 'Reinstall HA Monitor Connector on this server, set it up again (resetpath, pserver add for every server) and start it.', ja: 'このサーバに HA Monitor Connector を再インストールし、設定し直して (resetpath、全サーバの pserver add) から起動してください。' },
  ),
  {
    id: 'HCME1020',
    text: 'HCME1020: HA connector service cannot Version Mismatch ini file[%s], Service[%s]',
    patterns: ['Version Mismatch ini file'],
    meaning: { en: 'The Connector did not start: its settings file and its service are of different versions.', ja: 'Connector が起動しませんでした。設定ファイルとサービスのバージョンが一致していません。' },
    action: { en: 'Update HA Monitor Connector so that both are of one version.', ja: 'HA Monitor Connector をアップデートして、両者のバージョンをそろえてください。' },
  },
  {
    id: 'NOT-PROCESSING',
    text: 'HA connector service is not processing.',
    patterns: ['HA connector service is not processing', 'not processing'],
    meaning: { en: 'haconnsetup show was run while the Connector was not running; it shows nothing else then.', ja: 'Connector が動作していないときに haconnsetup show を実行しました。このときは他に何も表示されません。' },
    action: { en: `${START_CONNECTOR.en[0].toUpperCase()}${START_CONNECTOR.en.slice(1)} and run the command again; if it does not start, look for an HCME message in syslog (fieldkit explain <line>).`, ja: `${START_CONNECTOR.ja}。その後コマンドを再実行します。起動しない場合は syslog の HCME メッセージを確認してください (fieldkit explain <行>)。` },
  },
];

const CONNECTOR: Notice[] = CONNECTOR_ENTRIES.map((m) => ({
  ...m,
  idKind: m.id.startsWith('HCME') ? 'vendor' : 'fieldkit',
  source: 'connector',
  manual: '003',
  product: SOURCE_PRODUCT.connector,
  textKind: 'verbatim',
  models: ['HA8000'],
}));

/** ESMAMSADM's path and the labels of its screens, as the CLUSTERPRO guide quotes them. */
const ESMAMSADM = '/opt/nec/esmpro_sa/bin/ESMamsadm';
const ESM_IDS = ['C00001FD', 'C0000203', 'C0000454'] as const;

function esmproEvent(id: (typeof ESM_IDS)[number]): Notice {
  const others = ESM_IDS.filter((x) => x !== id).join(', ');
  return {
    id,
    idKind: 'vendor',
    source: 'esmpro',
    manual: '000',
    product: SOURCE_PRODUCT.esmpro,
    textKind: 'description',
    text: `ESMPRO/ServerAgent agent event, source ESMCOMMONSERVICE, ID ${id}`,
    patterns: [],
    models: ['Express5800/A1080a', 'Express5800/A1040a'],
    meaning: {
      en: `One of the three ServerAgent events (source ESMCOMMONSERVICE: ${ESM_IDS.join(', ')}) the CLUSTERPRO guide names for the Express5800/A1080a and A1040a integration. The guide does not describe the event itself; what matters is its action after reporting: left at "shutdown" (シャットダウン), ServerAgent shuts the server down on its own instead of leaving recovery to CLUSTERPRO.`,
      ja: `CLUSTERPRO のガイドが Express5800/A1080a・A1040a 連携で挙げている ServerAgent のイベント 3 つ (ソース ESMCOMMONSERVICE: ${ESM_IDS.join('、')}) の 1 つです。イベント自体の内容はガイドにはありません。問題は通報後の動作で、「シャットダウン」のままだと CLUSTERPRO に回復を任せずに ServerAgent がサーバを停止してしまいます。`,
    },
    action: {
      en: `As root on the server run ${ESMAMSADM}, choose エージェントイベントの設定 (agent event settings), ソース名 ESMCOMMONSERVICE, イベントID ${id}, press [設定...] and in 監視イベント設定 change 通報後動作 (action after reporting) from シャットダウン (shutdown) to 何もしない (do nothing). Do the same for ${others}. Only where ServerAgent runs beside CLUSTERPRO.`,
      ja: `サーバに root でログインし ${ESMAMSADM} を起動、「エージェントイベントの設定」で ソース名 ESMCOMMONSERVICE、イベントID ${id} を選んで [設定...] を押し、[監視イベント設定] 画面の「通報後動作」を “シャットダウン” から “何もしない” に変更してください。${others.replace(/, /g, '、')} も同様です。ServerAgent を CLUSTERPRO と同じ環境で使う場合に必要です。`,
    },
  };
}

const RECOVER_CONSOLE = {
  en: 'open the BMC web console (EXPRESSSCOPE Engine 3), 保守 (Maintenance) → コンポーネントステータス (Component Status) → 障害情報 (Fault Information); where a slot PCI[1-16] reads "Fault Status Asserted", press [Clear All Faults], power the server off, then on again; every slot must then read "Slot / connector device installed / attached" (fieldkit recover <server> guides these steps)',
  ja: 'BMC の Web コンソール (EXPRESSSCOPE Engine 3) で [保守] → [コンポーネントステータス] → [障害情報] を開き、スロット PCI[1-16] が 「Fault Status Asserted」 なら [Clear All Faults] を押し、サーバの電源を OFF にしてから再度 ON にします。その後すべてのスロットが 「Slot / connector device installed / attached」 になることを確認します (fieldkit recover <サーバ> がこの手順を案内します)',
};

/** What an entry with FieldKit's own id says; the rest is common to its group. */
type GuideEntry = Pick<Notice, 'id' | 'text' | 'patterns' | 'models' | 'meaning' | 'action'>;

/** Entries the CLUSTERPRO guide describes without a message id: FieldKit's ids, the Hardware Feature Guide (000). */
function fieldkitEntries(source: 'clusterpro' | 'bmc-console', textKind: Notice['textKind'], entries: GuideEntry[]): Notice[] {
  return entries.map((e) => ({ ...e, idKind: 'fieldkit', source, manual: '000', product: SOURCE_PRODUCT[source], textKind }));
}

/** CLUSTERPRO and the BMC around it: notices without a message id in the guide. */
const CLUSTERPRO = fieldkitEntries('clusterpro', 'description', [
  {
    id: 'CLP-IOFENCING-DONE',
    text: 'I/O Fencing completion notice (I/O Fencing完了通知): SNMP trap from the BMC to the external monitor, category BMCNOTICE',
    patterns: ['I/O Fencing完了', 'I/O Fencing complet', 'I/O Fencing(High-End Server Option)', 'I/O Fencing'],
    models: ['NX7700x'],
    meaning: {
      en: 'The BMC (or CLUSTERPRO through the acpi service) cut off the PCI slots listed for I/O Fencing on this server, then reported it by SNMP trap to the addresses of the BMCNOTICE keyword (CLUSTERPRO also tells the other servers over the interconnect). The standby server treats this server as stopped and starts the failover group at once. The slots stay cut off until someone clears them.',
      ja: 'BMC (または acpi サービス経由で CLUSTERPRO) が、このサーバの I/O Fencing 対象 PCI スロットを閉塞し、BMCNOTICE キーワードのアドレスへ SNMP Trap で通知しました (CLUSTERPRO はインタコネクト経由でも他サーバに通知します)。待機系はこのサーバを停止したものとみなし、すぐにフェイルオーバグループを起動します。スロットは解除するまで閉塞されたままです。',
    },
    action: {
      en: `Recover by hand after the failover has finished: ${RECOVER_CONSOLE.en}.`,
      ja: `フェイルオーバ完了後に手動で回復します: ${RECOVER_CONSOLE.ja}。`,
    },
  },
  {
    id: 'CLP-BMC-PREDICTIVE',
    text: 'Predictive failure detected by the BMC (BMCが検出した予兆障害): SNMP trap to the external monitor (BMCNOTICE)',
    patterns: ['予兆障害', 'predictive failure'],
    models: ['NX7700x'],
    meaning: {
      en: 'The BMC found signs that hardware is about to fail and sent an SNMP trap. The external monitor (BMCNOTICE) turns to error on it only where "change the monitor status to error on a predictive failure detected by the BMC" is checked (per server); its recovery action then runs (in the guide\'s sample: I/O Fencing of LocalServer).',
      ja: 'BMC がハードウェアの予兆障害を検出し、SNMP Trap を送信しました。外部連携モニタ (BMCNOTICE) が異常になるのは「BMCが検出した予兆障害によってモニタのステータスを異常に変更する」がオンのサーバだけで、その場合は回復動作が実行されます (ガイドの例では LocalServer の I/O Fencing)。',
    },
    action: {
      en: 'Read the SEL of the server (fieldkit sel list <server>) to see which part, and arrange its replacement. If the monitor\'s recovery action fenced the server, recover it as after I/O Fencing (fieldkit explain CLP-IOFENCING-DONE).',
      ja: 'サーバの SEL (fieldkit sel list <サーバ>) で該当部品を確認し、交換を手配してください。回復動作で I/O Fencing された場合は I/O Fencing 後の手順で回復します (fieldkit explain CLP-IOFENCING-DONE)。',
    },
  },
  {
    id: 'CLP-BMC-DEGRADED',
    text: 'Performance degradation detected by the BMC (BMCが検出した性能劣化障害): SNMP trap to the external monitor (BMCNOTICE)',
    patterns: ['性能劣化', 'performance degradation'],
    models: ['NX7700x'],
    meaning: {
      en: 'The BMC found hardware running degraded and sent an SNMP trap. The external monitor turns to error on it only where "change the monitor status to error on a performance degradation detected by the BMC" is checked (per server); its recovery action then runs.',
      ja: 'BMC がハードウェアの性能劣化障害を検出し、SNMP Trap を送信しました。外部連携モニタが異常になるのは「BMCが検出した性能劣化障害によってモニタのステータスを異常に変更する」がオンのサーバだけで、その場合は回復動作が実行されます。',
    },
    action: {
      en: 'Read the SEL (fieldkit sel list <server>) and the sensors (fieldkit sensors <server>) to find the part, and plan its repair. If the server was fenced, recover it as after I/O Fencing.',
      ja: 'SEL (fieldkit sel list <サーバ>) とセンサー (fieldkit sensors <サーバ>) で該当部品を確認し、修理を計画してください。I/O Fencing された場合は I/O Fencing 後の手順で回復します。',
    },
  },
  {
    id: 'CLP-BMC-FAULT-NOTICE',
    text: 'Fault notice (異常発生通知) from the BMC of an Express5800/A1080a or A1040a: SNMP trap to the external monitor (BMCNOTICE)',
    patterns: ['異常発生通知', 'fault notice'],
    models: ['Express5800/A1080a', 'Express5800/A1040a'],
    meaning: {
      en: 'The BMC detected a fault and sent an SNMP trap to the address of this server\'s own BMCNOTICE keyword. CLUSTERPRO runs the monitor\'s recovery action (in the guide\'s sample: fail the group over) and only then does the BMC reset the server, so applications end cleanly.',
      ja: 'BMC が異常を検出し、このサーバ個別の BMCNOTICE キーワードのアドレスへ SNMP Trap を送信しました。CLUSTERPRO がモニタの回復動作 (ガイドの例ではグループのフェイルオーバ) を実行し、その後で BMC がサーバをリセットするため、アプリケーションは正しく終了できます。',
    },
    action: {
      en: 'Check that the group failed over, then read the SEL (fieldkit sel list <server>) for the cause. If the server shut down by itself instead, check the ServerAgent events C00001FD, C0000203, C0000454 (fieldkit explain C00001FD).',
      ja: 'グループがフェイルオーバしたことを確認し、SEL (fieldkit sel list <サーバ>) で原因を確認してください。回復動作の前にサーバが自ら停止した場合は ServerAgent のイベント C00001FD、C0000203、C0000454 の設定を確認します (fieldkit explain C00001FD)。',
    },
  },
  {
    id: 'CLP-BMC-MONITOR',
    text: 'BMC monitor (BMC モニタ, e.g. bmcw) in error: the BMC is stalled',
    patterns: ['BMC monitor', 'BMC モニタ', 'BMCモニタ', 'bmcw'],
    models: ['NX7700x'],
    meaning: {
      en: 'The BMC monitor watches that the BMC is alive. In error it means the BMC has stalled and can no longer detect the system\'s faults (nor fence or send traps); its final action (in the guide: I/O Fencing) runs. It needs the High-End Server Option licence.',
      ja: 'BMC モニタは BMC の死活を監視します。異常は BMC がストールし、システムの障害を検出できない (閉塞も Trap 送信もできない) 状態を示し、最終動作 (ガイドでは I/O Fencing) が実行されます。High-End Server Option のライセンスが必要です。',
    },
    action: {
      en: 'Check from the laptop whether both BMC addresses answer (fieldkit show status, fieldkit mc info <server>). A BMC that does not answer needs the vendor\'s service; if the server was fenced, recover it as after I/O Fencing.',
      ja: 'ノート PC から BMC の両アドレスが応答するか確認してください (fieldkit show status、fieldkit mc info <サーバ>)。応答しない BMC は保守サービスが必要です。I/O Fencing された場合は I/O Fencing 後の手順で回復します。',
    },
  },
  {
    id: 'CLP-BMC-HEARTBEAT',
    text: 'BMC heartbeat (BMC ハートビート) not answered: the server\'s liveness over the BMC network',
    patterns: ['BMC heartbeat', 'BMC ハートビート', 'BMCハートビート'],
    models: ['NX7700x', 'Express5800/A1080a', 'Express5800/A1040a'],
    meaning: {
      en: 'CLUSTERPRO checks the servers\' liveness through their BMCs over the BMC network (the interconnect of type BMC, holding the BMC\'s primary address on NX7700x, its web console address on Express5800). When it no longer answers, the cluster has lost one way of telling a stopped server from a cut network.',
      ja: 'CLUSTERPRO は BMC 用ネットワークで BMC を通じてサーバの死活を確認しています (種別 BMC のインタコネクト。NX7700x では BMC のプライマリアドレス、Express5800 ではサーバ Web コンソール用アドレス)。応答がなくなると、サーバ停止とネットワーク断を見分ける手段の 1 つが失われます。',
    },
    action: {
      en: 'Check that the BMC answers from the laptop (fieldkit show status) and that the address in the interconnect settings is the BMC\'s primary (NX7700x) or web console (Express5800) address; check the BMC LAN cabling and switch.',
      ja: 'ノート PC から BMC が応答するか確認し (fieldkit show status)、インタコネクト設定のアドレスが BMC のプライマリアドレス (NX7700x) またはサーバ Web コンソール用アドレス (Express5800) であることを確認してください。BMC LAN の配線とスイッチも確認します。',
    },
  },
  {
    id: 'CLP-SMI-DEVICE',
    text: 'External monitor of a server management category (NIC, FC, HA/SS, HA/AM, HA/RS, SPS) in error',
    patterns: ['HA/SS', 'HA/AM', 'HA/RS', 'type：NIC', 'type：FC', 'type:NIC', 'type:FC', 'category NIC', 'category FC', 'サーバ管理基盤', 'server management infrastructure'],
    meaning: {
      en: 'A hardened device driver of the server management infrastructure (Enterprise Linux with Dependable Support) found a fatal error and told CLUSTERPRO; the external monitor of that category turned to error and its action ran (failover or OS shutdown). With a device in the keyword only that device counts; with an empty keyword any device of the category does.',
      ja: 'サーバ管理基盤 (Enterprise Linux with Dependable Support) の強化デバイスドライバが致命的な障害を検出して CLUSTERPRO に通知し、そのカテゴリの外部連携モニタが異常になって異常検出時の動作 (フェイルオーバや OS シャットダウン) が実行されました。キーワードにデバイスを指定した場合はそのデバイスだけ、空欄の場合はカテゴリのどのデバイスでも対象になります。',
    },
    action: {
      en: 'Find the failed device in the server management infrastructure\'s records and repair it. The monitor\'s status is CLUSTERPRO\'s to manage in this mode: do not change it with clprexec.',
      ja: 'サーバ管理基盤の記録で障害デバイスを特定し、修理してください。この連携ではモニタのステータスは CLUSTERPRO が管理するため、clprexec で変更しないでください。',
    },
  },
]);

/** Texts of the BMC web console's fault information page (quoted labels). */
const CONSOLE = fieldkitEntries('bmc-console', 'label', [
  {
    id: 'CONSOLE-FAULT-ASSERTED',
    text: 'Fault Status Asserted',
    patterns: ['Fault Status Asserted'],
    models: ['NX7700x'],
    meaning: {
      en: 'The PCI slot is cut off (I/O Fencing) or faulted: the device in it cannot be used until the fault is cleared and the server is powered off and on.',
      ja: 'PCI スロットが閉塞 (I/O Fencing) または障害状態です。障害を解除し、電源を OFF/ON するまで中のデバイスは使えません。',
    },
    action: { en: `In the guide's order: ${RECOVER_CONSOLE.en}.`, ja: `ガイドの順序で: ${RECOVER_CONSOLE.ja}。` },
  },
  {
    id: 'CONSOLE-SLOT-INSTALLED',
    text: 'Slot / connector device installed / attached',
    patterns: ['Slot / connector device installed / attached', 'device installed / attached'],
    models: ['NX7700x'],
    meaning: { en: 'The PCI slot is in normal use: the device is installed and not cut off.', ja: 'PCI スロットは正常に使える状態です。デバイスが搭載され、閉塞されていません。' },
    action: {
      en: 'Nothing to do for this slot. After a recovery every slot with a device must read this.',
      ja: 'このスロットについては対処不要です。回復後は、デバイスのあるすべてのスロットがこの表示になっている必要があります。',
    },
  },
]);

/** Every entry, Connector first (their ids are what engineers paste most). */
export const NOTICES: readonly Notice[] = [...CONNECTOR, ...CLUSTERPRO, ...ESM_IDS.map(esmproEvent), ...CONSOLE];

/** The Connector's own entries (the older `connector-messages` list). */
export const CONNECTOR_NOTICES: readonly Notice[] = CONNECTOR;

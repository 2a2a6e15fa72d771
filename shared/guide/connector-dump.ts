/**
 * What FieldKit's dump cannot collect: HA Monitor Connector's own
 * information on each HA8000 server. FieldKit talks only to the BMCs, so the
 * dump step reminds the engineer to run the Connector's collector on every
 * server as well. Facts (command, file, folder, log names) are from the
 * HA Monitor Connector guide; the wording is FieldKit's.
 *
 * Pure: the CLI, the archive's README and the window's Dump page show it.
 */
import type { Bilingual } from './notices';

/** Where the Connector keeps its logs and writes its dump. */
export const CONNECTOR_LOG_DIR = '/var/opt/hitachi/haconn2/log';
export const HACONNSETUP = '/opt/hitachi/haconn2/bin/haconnsetup';

/** The Connector's log files, as the guide lists them (* = generation number). */
export const CONNECTOR_LOGS: { file: string; what: Bilingual }[] = [
  { file: `${CONNECTOR_LOG_DIR}/eventlog*`, what: { en: 'events as they happen', ja: '不定期のイベント' } },
  { file: `${CONNECTOR_LOG_DIR}/eventlogalt*`, what: { en: 'periodic events', ja: '周期イベント' } },
  { file: `${CONNECTOR_LOG_DIR}/eventlogcui*`, what: { en: 'haconnsetup operations', ja: 'コネクタ CUI (haconnsetup) の操作' } },
  { file: `${CONNECTOR_LOG_DIR}/initlog*`, what: { en: 'the Connector\'s start-up', ja: 'Connector の初期化' } },
];

export interface ConnectorDumpReminder {
  title: Bilingual;
  /** The steps, one line each. */
  steps: Bilingual[];
  /** Heading over CONNECTOR_LOGS. */
  logsHeading: Bilingual;
}

export const CONNECTOR_DUMP_REMINDER: ConnectorDumpReminder = {
  title: {
    en: 'Also on each HA8000 server with HA Monitor Connector: FieldKit\'s dump holds only what the BMCs and this laptop know',
    ja: 'HA Monitor Connector を導入した各 HA8000 サーバでも情報を採取してください: FieldKit のダンプには BMC とこのノート PC の情報しか入りません',
  },
  steps: [
    {
      en: `Log in to each server as root and run: ${HACONNSETUP} dump`,
      ja: `各サーバに root でログインし、${HACONNSETUP} dump を実行します`,
    },
    {
      en: `It writes ${CONNECTOR_LOG_DIR}/HaConnectorDump.<date and time>.tar.gz; take that file from every server and give it to support together with this archive.`,
      ja: `${CONNECTOR_LOG_DIR}/HaConnectorDump.<採取日時>.tar.gz が作成されます。各サーバのこのファイルを、このアーカイブと一緒にサポートへ渡してください。`,
    },
    {
      en: 'Lines saying that a file to collect does not exist are normal (it depends on what the Connector has done so far): the collection still worked.',
      ja: '採取対象のファイルが存在しない旨のメッセージは異常ではありません (Connector の動作状況によります)。情報は正常に採取されています。',
    },
    {
      en: 'Where the Connector did not start, also give the HCME lines of the server\'s syslog (fieldkit explain <line> says what each means).',
      ja: 'Connector が起動しなかった場合は、サーバの syslog の HCME メッセージの行も渡してください (各行の意味は fieldkit explain <行> で確認できます)。',
    },
  ],
  logsHeading: {
    en: `The Connector's own log files, as its guide lists them (in ${CONNECTOR_LOG_DIR}); when support asks for the Connector's logs, these are the files:`,
    ja: `Connector 自身のログファイル (ガイドの記載どおり ${CONNECTOR_LOG_DIR} 内)。サポートから Connector のログを依頼されたら、これらのファイルです:`,
  },
};

/** The reminder as text lines in one language (CLI output). */
export function connectorDumpLines(lang: 'en' | 'ja'): string[] {
  const r = CONNECTOR_DUMP_REMINDER;
  return [r.title[lang], ...r.steps.map((s, i) => `  ${i + 1}. ${s[lang]}`), `  ${r.logsHeading[lang]}`, ...CONNECTOR_LOGS.map((l) => `     ${l.file}  (${l.what[lang]})`)];
}

/** README.txt of FieldKit's dump archive: both languages, so whoever opens it can read it. */
export function dumpReadmeText(): string {
  return [
    'FieldKit dump',
    '',
    'manifest.json lists every file of this archive with its size and SHA-256.',
    'manifest.json には、このアーカイブの全ファイルとサイズ、SHA-256 が記載されています。',
    '',
    ...connectorDumpLines('en'),
    '',
    ...connectorDumpLines('ja'),
    '',
  ].join('\n');
}

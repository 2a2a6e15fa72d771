/**
 * HA Monitor Connector's syslog messages and its "not processing" answer,
 * as the Connector guide lists them (the message texts are the Connector's
 * own, quoted as facts; meaning and action are FieldKit's words), for
 * `fieldkit explain <id | pasted syslog line>`.
 */
export interface ConnectorMessage {
  id: string;
  /** The text the Connector writes (%s: values it fills in). */
  text: string;
  meaning: { en: string; ja: string };
  action: { en: string; ja: string };
}

export const CONNECTOR_MESSAGES: ConnectorMessage[] = [
  {
    id: 'HCME1010',
    text: 'HCME1010: HA connector service cannot be started. There is no ipmitool. Check the ipmitool is installed.',
    meaning: { en: 'The Connector did not start on this server: it drives the BMCs with ipmitool, and ipmitool is not installed.', ja: 'このサーバーで Connector が起動しませんでした。Connector は ipmitool で BMC を操作しますが、ipmitool がインストールされていません。' },
    action: { en: 'Install ipmitool on this server, then start the Connector (systemctl start haconnd; RHEL 6: service haconnd start).', ja: 'このサーバーに ipmitool をインストールしてから Connector を起動してください (systemctl start haconnd、RHEL 6 では service haconnd start)。' },
  },
  {
    id: 'HCME1011',
    text: 'HCME1011: HA connector service cannot be started. Failed to initialize. Please System rebooted.',
    meaning: { en: 'The Connector did not start: its initialisation failed.', ja: 'Connector が起動しませんでした。初期化に失敗しています。' },
    action: { en: 'Reboot the OS this Connector runs on (fail the HA monitor\'s groups over first), then check haconnsetup show status.', ja: 'この Connector が動作している OS を再起動してください (先に HA モニタのグループを切り替えておく)。その後 haconnsetup show status を確認します。' },
  },
  {
    id: 'HCME1012',
    text: 'HCME1012: HA connector service cannot be started. Please check HA connector\'s configuration.',
    meaning: { en: 'The Connector did not start: its settings (reset path, physical servers) are wrong or incomplete.', ja: 'Connector が起動しませんでした。設定 (リセットパス、物理サーバー) が誤っているか不足しています。' },
    action: { en: 'Check the settings with haconnsetup show setting (compare them with FieldKit: fieldkit show compare FILE), correct them with haconnsetup resetpath / pserver, then start the Connector.', ja: 'haconnsetup show setting で設定を確認し (FieldKit との比較: fieldkit show compare FILE)、haconnsetup resetpath / pserver で修正してから Connector を起動してください。' },
  },
  {
    id: 'HCME1013',
    text: 'HCME1013: HA connector service cannot be started. Please reinstall HA connector.',
    meaning: { en: 'The Connector did not start: its installation is damaged.', ja: 'Connector が起動しませんでした。インストールが壊れています。' },
    action: { en: 'Reinstall HA Monitor Connector on this server, set it up again (resetpath, pserver add for every server) and start it.', ja: 'このサーバーに HA Monitor Connector を再インストールし、設定し直して (resetpath、全サーバーの pserver add) から起動してください。' },
  },
  {
    id: 'HCME1020',
    text: 'HCME1020: HA connector service cannot Version Mismatch ini file[%s], Service[%s]',
    meaning: { en: 'The Connector did not start: its settings file and its service are of different versions.', ja: 'Connector が起動しませんでした。設定ファイルとサービスのバージョンが一致していません。' },
    action: { en: 'Update HA Monitor Connector so that both are of one version.', ja: 'HA Monitor Connector をアップデートして、両者のバージョンをそろえてください。' },
  },
  {
    id: 'NOT-PROCESSING',
    text: 'HA connector service is not processing.',
    meaning: { en: 'haconnsetup show was run while the Connector was not running; it shows nothing else then.', ja: 'Connector が動作していないときに haconnsetup show を実行しました。このときは他に何も表示されません。' },
    action: { en: 'Start the Connector (systemctl start haconnd; RHEL 6: service haconnd start) and run the command again; if it does not start, look for an HCME message in syslog (fieldkit explain <line>).', ja: 'Connector を起動して (systemctl start haconnd、RHEL 6 では service haconnd start) からコマンドを再実行してください。起動しない場合は syslog の HCME メッセージを確認してください (fieldkit explain <行>)。' },
  },
];

/** By id ("HCME1012", case-insensitive) or by a pasted syslog line / output containing one. */
export function findConnectorMessage(input: string): ConnectorMessage | undefined {
  const id = /HCME\d{4}/i.exec(input)?.[0]?.toUpperCase();
  if (id) return CONNECTOR_MESSAGES.find((m) => m.id === id);
  if (/not processing/i.test(input) || /^not-processing$/i.test(input.trim())) return CONNECTOR_MESSAGES.find((m) => m.id === 'NOT-PROCESSING');
  return undefined;
}

import type { MessageTable } from './types';

/**
 * Messages of the firmware domain. FIRMWARE_CHECK_* are the findings of the
 * pre-/post-flight checks (shown with their status), the others are errors.
 */
export const firmwareMessages = {
  FIRMWARE_NO_PASSWORD: {
    en: 'No password is stored for {account}@{address}.',
    ja: '{account}@{address} のパスワードが保存されていません。',
    remedy: {
      en: 'Store it (fieldkit pserver mod, or the Servers view) or give FIELDKIT_PASSWORD / --password-stdin.',
      ja: 'パスワードを保存するか (fieldkit pserver mod またはサーバ画面)、FIELDKIT_PASSWORD / --password-stdin で指定してください。',
    },
    remedyWindow: {
      en: 'Store the password for this BMC on the Inventory page (edit the server, Password).',
      ja: '構成ページでサーバを編集し、この BMC のパスワードを保存してください。',
    },
  },
  FIRMWARE_RECORD_WRITE_FAILED: {
    en: 'The firmware check record could not be saved in {dir}: {detail}',
    ja: 'ファームウェアチェック記録を {dir} に保存できませんでした: {detail}',
    remedy: { en: 'Check free disk space and the permissions of the FieldKit folder.', ja: 'ディスクの空き容量と FieldKit フォルダのアクセス権を確認してください。' },
  },
  FIRMWARE_BAD_WAIT: {
    en: 'The wait time "{value}" is not a number of seconds between 1 and 3600.',
    ja: '待ち時間 "{value}" は 1 から 3600 までの秒数ではありません。',
    remedy: { en: 'Give --wait SECONDS, e.g. --wait 600.', ja: '--wait に秒数を指定してください (例: --wait 600)。' },
  },
  FIRMWARE_CHECKLIST_REQUIRED: {
    en: 'The pre-flight checklist was not confirmed.',
    ja: 'プレフライトのチェックリストが確認されていません。',
    remedy: {
      en: 'Answer the questions on a terminal, or give --yes once every item is done.',
      ja: '端末で質問に答えるか、すべての項目を済ませてから --yes を指定してください。',
    },
  },

  FIRMWARE_CHECK_PING_OK: {
    en: '{role} BMC {address} answers the RMCP presence ping.',
    ja: '{role} BMC {address} は RMCP プレゼンス ping に応答しています。',
    remedy: { en: 'Nothing to do.', ja: '対処は不要です。' },
  },
  FIRMWARE_CHECK_PING_FAILED: {
    en: '{role} BMC {address} does not answer the RMCP presence ping.',
    ja: '{role} BMC {address} が RMCP プレゼンス ping に応答しません。',
    remedy: {
      en: 'Check the BMC LAN cable and address; do not start the update while a BMC path is down.',
      ja: 'BMC の LAN ケーブルとアドレスを確認してください。BMC の経路が切れている間は更新を始めないでください。',
    },
  },
  FIRMWARE_CHECK_SESSION_OK: {
    en: '{role} BMC {address}: session open with {privilege} privilege.',
    ja: '{role} BMC {address}: {privilege} 権限でセッションを確立しました。',
    remedy: { en: 'Nothing to do.', ja: '対処は不要です。' },
  },
  FIRMWARE_CHECK_SESSION_FAILED: {
    en: '{role} BMC {address}: no session ({error}).',
    ja: '{role} BMC {address}: セッションを確立できません ({error})。',
    remedy: { en: 'Check the account, password and cipher suite of this BMC in the inventory.', ja: 'インベントリのこの BMC のアカウント、パスワード、暗号スイートを確認してください。' },
  },
  FIRMWARE_CHECK_PRIVILEGE_LOW: {
    en: '{role} BMC {address}: the session has {privilege} privilege, not administrator.',
    ja: '{role} BMC {address}: セッションの権限が管理者ではなく {privilege} です。',
    remedy: {
      en: 'The vendor tool and the post-flight need an administrator account: fix the BMC user privilege.',
      ja: 'ベンダーツールとポストフライトには管理者アカウントが必要です。BMC ユーザの権限を修正してください。',
    },
  },
  FIRMWARE_CHECK_NO_SECONDARY: {
    en: 'No secondary BMC address is configured for this server.',
    ja: 'このサーバにはセカンダリ BMC アドレスが設定されていません。',
    remedy: { en: 'Nothing to do if the server has a single BMC LAN port.', ja: 'BMC の LAN ポートが 1 つのサーバであれば対処は不要です。' },
  },
  FIRMWARE_CHECK_DEVICE: {
    en: 'BMC firmware {firmware} (manufacturer {manufacturer}, product {product}, IPMI {ipmi}).',
    ja: 'BMC ファームウェア {firmware} (製造元 {manufacturer}、製品 {product}、IPMI {ipmi})。',
    remedy: { en: 'Compare with the version the vendor update expects.', ja: 'ベンダーの更新が前提とする版数と比較してください。' },
  },
  FIRMWARE_CHECK_DEVICE_FAILED: {
    en: 'The BMC device id cannot be read: {error}',
    ja: 'BMC のデバイス ID を読み取れません: {error}',
    remedy: { en: 'Do not update a BMC that cannot report its firmware version.', ja: 'ファームウェア版数を返せない BMC は更新しないでください。' },
  },
  FIRMWARE_CHECK_POWER: {
    en: 'Server power is {state}.',
    ja: 'サーバの電源は {state} です。',
    remedy: { en: 'Recorded so the post-flight can tell whether the update changed it.', ja: 'ポストフライトで更新による変化を確認するため記録しました。' },
  },
  FIRMWARE_CHECK_POWER_FAILED: {
    en: 'The power state cannot be read: {error}',
    ja: '電源状態を読み取れません: {error}',
    remedy: { en: 'Check the BMC before the update.', ja: '更新前に BMC を確認してください。' },
  },
  FIRMWARE_CHECK_SEL_OK: {
    en: 'SEL readable: {entries} entries, {free} bytes free.',
    ja: 'SEL を読み取れます: {entries} 件、空き {free} バイト。',
    remedy: { en: 'Nothing to do.', ja: '対処は不要です。' },
  },
  FIRMWARE_CHECK_SEL_LOW: {
    en: 'SEL almost full: {entries} entries, only {free} bytes free; events during the update may be lost.',
    ja: 'SEL がほぼ満杯です ({entries} 件、空き {free} バイト)。更新中のイベントが失われる可能性があります。',
    remedy: {
      en: 'Save the SEL (fieldkit dump) and clear it (fieldkit sel clear) before the update.',
      ja: '更新前に SEL を保存し (fieldkit dump)、消去してください (fieldkit sel clear)。',
    },
    remedyWindow: {
      en: 'Save the SEL (Dump page) and clear it before the update.',
      ja: '更新前に SEL を保存 (ダンプページ) してから消去してください。',
    },
  },
  FIRMWARE_CHECK_SEL_OVERFLOW: {
    en: 'The SEL has overflowed ({entries} entries): newer events are being dropped.',
    ja: 'SEL があふれています ({entries} 件)。新しいイベントが破棄されています。',
    remedy: {
      en: 'Save the SEL (fieldkit dump) and clear it (fieldkit sel clear) before the update.',
      ja: '更新前に SEL を保存し (fieldkit dump)、消去してください (fieldkit sel clear)。',
    },
    remedyWindow: {
      en: 'Save the SEL (Dump page) and clear it before the update.',
      ja: '更新前に SEL を保存 (ダンプページ) してから消去してください。',
    },
  },
  FIRMWARE_CHECK_SEL_FAILED: {
    en: 'The SEL cannot be read: {error}',
    ja: 'SEL を読み取れません: {error}',
    remedy: { en: 'Check the BMC before the update.', ja: '更新前に BMC を確認してください。' },
  },
  FIRMWARE_CHECK_SDR_OK: {
    en: 'SDR repository readable: {records} records.',
    ja: 'SDR リポジトリを読み取れます: {records} レコード。',
    remedy: { en: 'Nothing to do.', ja: '対処は不要です。' },
  },
  FIRMWARE_CHECK_SDR_FAILED: {
    en: 'The SDR repository cannot be read: {error}',
    ja: 'SDR リポジトリを読み取れません: {error}',
    remedy: { en: 'Check the BMC; sensors cannot be verified without the SDR.', ja: 'BMC を確認してください。SDR がないとセンサを確認できません。' },
  },
  FIRMWARE_CHECK_SLOTS_OK: {
    en: 'No Slot/Connector fault asserted ({count} slots).',
    ja: 'スロット/コネクタの障害は検出されていません ({count} スロット)。',
    remedy: { en: 'Nothing to do.', ja: '対処は不要です。' },
  },
  FIRMWARE_CHECK_SLOT_FAULT: {
    en: 'Slot fault asserted: {slots}.',
    ja: 'スロット障害が検出されています: {slots}。',
    remedy: {
      en: 'Recover the faulted slots first (fieldkit recover), then update the firmware.',
      ja: '先に障害スロットを復旧し (fieldkit recover)、その後ファームウェアを更新してください。',
    },
    remedyWindow: {
      en: 'Recover the faulted slots first (Recovery page), then update the firmware.',
      ja: '先に障害のあるスロットを復旧 (復旧ページ) してから、ファームウェアを更新してください。',
    },
  },
  FIRMWARE_CHECK_SLOTS_FAILED: {
    en: 'The slot sensors cannot be read: {error}',
    ja: 'スロットセンサを読み取れません: {error}',
    remedy: { en: 'Check the BMC before the update.', ja: '更新前に BMC を確認してください。' },
  },
  FIRMWARE_CHECK_HA_MONITOR_STOPPED: {
    en: 'The HA monitor is stopped on {server}.',
    ja: '{server} の HA 監視を停止した。',
    remedy: {
      en: 'Stop the HA monitor of this server before the update: the BMC stops answering during the flash.',
      ja: '更新前にこのサーバの HA 監視を停止してください。書き込み中は BMC が応答しなくなります。',
    },
  },
  FIRMWARE_CHECK_RESET_PATH_MONITORING_STOPPED: {
    en: 'Reset-path monitoring is stopped for {server}.',
    ja: '{server} のリセットパス監視を停止した。',
    remedy: {
      en: 'Stop reset-path monitoring before the update, or it reports a failure while the BMC reboots.',
      ja: '更新前にリセットパス監視を停止してください。停止しないと BMC の再起動中に障害が報告されます。',
    },
  },
  FIRMWARE_CHECK_MAINTENANCE_WINDOW_AGREED: {
    en: 'The maintenance window is agreed with the customer.',
    ja: '保守時間帯についてお客様と合意した。',
    remedy: { en: 'Agree the maintenance window before starting.', ja: '開始前に保守時間帯を合意してください。' },
  },
  FIRMWARE_CHECK_FIRMWARE_FILE_CHECKED: {
    en: 'The vendor firmware file is checked (model, version, checksum).',
    ja: 'ベンダーのファームウェアファイルを確認した (機種、版数、チェックサム)。',
    remedy: { en: 'Check the file against the vendor release notes.', ja: 'ベンダーのリリースノートと照合してファイルを確認してください。' },
  },
  FIRMWARE_CHECK_ANSWERED: {
    en: 'The BMC answered again after {seconds} s.',
    ja: 'BMC は {seconds} 秒後に再び応答しました。',
    remedy: { en: 'Nothing to do.', ja: '対処は不要です。' },
  },
  FIRMWARE_CHECK_NO_ANSWER: {
    en: 'The BMC did not answer within {seconds} s after the update.',
    ja: '更新後 {seconds} 秒以内に BMC が応答しませんでした。',
    remedy: {
      en: 'Wait longer (--wait), check the BMC LAN link; if it stays silent, follow the vendor recovery procedure for the BMC.',
      ja: '待ち時間を延ばし (--wait)、BMC の LAN リンクを確認してください。応答しないままならベンダーの BMC 復旧手順に従ってください。',
    },
    remedyWindow: {
      en: 'Wait longer (a longer wait on the Firmware page) and check the BMC LAN link; if it stays silent, follow the vendor recovery procedure for the BMC.',
      ja: 'ファームウェアページで待ち時間を長くして再実行し、BMC LAN の接続を確認してください。応答がないままならベンダーの BMC 復旧手順に従ってください。',
    },
  },
  FIRMWARE_CHECK_FW_CHANGED: {
    en: 'Firmware changed: {before} → {after}.',
    ja: 'ファームウェアが変更されました: {before} → {after}。',
    remedy: { en: 'Check that {after} is the version you flashed.', ja: '{after} が書き込んだ版数であることを確認してください。' },
  },
  FIRMWARE_CHECK_FW_UNCHANGED: {
    en: 'Firmware unchanged: still {firmware}.',
    ja: 'ファームウェアは変わっていません: {firmware} のままです。',
    remedy: {
      en: 'If an update was flashed, it did not take effect: check the vendor tool log (some BMCs need a reset to activate).',
      ja: '更新を書き込んだ場合は反映されていません。ベンダーツールのログを確認してください (有効化に BMC リセットが必要な機種もあります)。',
    },
  },
  FIRMWARE_CHECK_NO_PREFLIGHT: {
    en: 'No pre-flight record for {server}: the firmware version cannot be compared.',
    ja: '{server} のプレフライト記録がないため、ファームウェア版数を比較できません。',
    remedy: { en: 'Run "fieldkit fwcheck pre" before every update.', ja: '更新の前には必ず "fieldkit fwcheck pre" を実行してください。' },
    remedyWindow: {
      en: 'Run the pre-flight check on the Firmware page before every update.',
      ja: '更新のたびに、ファームウェアページで事前チェックを実行してください。',
    },
  },
  FIRMWARE_CHECK_SDR_REREAD: {
    en: 'SDR re-read from the BMC: {records} records; repository identity unchanged.',
    ja: 'SDR を BMC から再読込しました: {records} レコード。リポジトリ識別子は変わっていません。',
    remedy: { en: 'Nothing to do.', ja: '対処は不要です。' },
  },
  FIRMWARE_CHECK_SDR_REREAD_NEW_KEY: {
    en: 'SDR re-read from the BMC: {records} records; repository identity changed (new firmware or new records), so cached SDRs are not used.',
    ja: 'SDR を BMC から再読込しました: {records} レコード。リポジトリ識別子が変わったため (新しいファームウェアまたはレコード)、キャッシュの SDR は使用しません。',
    remedy: { en: 'Nothing to do.', ja: '対処は不要です。' },
  },
  FIRMWARE_CHECK_SENSORS_OK: {
    en: '{count} sensors readable.',
    ja: '{count} 個のセンサを読み取れます。',
    remedy: { en: 'Nothing to do.', ja: '対処は不要です。' },
  },
  FIRMWARE_CHECK_SENSORS_UNAVAILABLE: {
    en: '{count} sensors give no reading: {names}.',
    ja: '{count} 個のセンサが値を返しません: {names}。',
    remedy: { en: 'Compare with the pre-flight; report sensors lost by the update to the vendor.', ja: 'プレフライトと比較し、更新で失われたセンサはベンダーに報告してください。' },
  },
  FIRMWARE_CHECK_SENSORS_FAILED: {
    en: 'The sensors cannot be read: {error}',
    ja: 'センサを読み取れません: {error}',
    remedy: { en: 'Check the BMC after the update.', ja: '更新後の BMC を確認してください。' },
  },
  FIRMWARE_CHECK_NEW_SLOT_FAULT: {
    en: 'New slot fault after the update: {slots}.',
    ja: '更新後に新しいスロット障害があります: {slots}。',
    remedy: { en: 'Investigate before re-enabling monitoring (fieldkit slots, fieldkit recover).', ja: '監視を再開する前に調査してください (fieldkit slots、fieldkit recover)。' },
    remedyWindow: {
      en: 'Investigate before re-enabling monitoring: open the Recovery page for this server.',
      ja: '監視を再開する前に調査してください。このサーバの復旧ページを開いてください。',
    },
  },
  FIRMWARE_CHECK_NEW_SEL: {
    en: '{count} SEL entries were added during the update.',
    ja: '更新中に SEL エントリが {count} 件追加されました。',
    remedy: { en: 'Read them (listed below) for errors the update logged.', ja: '更新が記録したエラーがないか、下の一覧を確認してください。' },
  },
  FIRMWARE_CHECK_REMIND_MONRP: {
    en: 'Re-enable reset-path monitoring for {server} (monrp).',
    ja: '{server} のリセットパス監視を再開してください (monrp)。',
    remedy: { en: 'Run monrp on the cluster node once this check passes.', ja: 'このチェックが合格したらクラスタノードで monrp を実行してください。' },
  },
  FIRMWARE_CHECK_REMIND_HA_MONITOR: {
    en: 'Start the HA monitor on {server} again.',
    ja: '{server} の HA 監視を再開してください。',
    remedy: { en: 'Start it after reset-path monitoring is back.', ja: 'リセットパス監視の再開後に HA 監視を開始してください。' },
  },
} satisfies MessageTable;

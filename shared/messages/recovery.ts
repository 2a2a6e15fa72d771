import type { MessageTable } from './types';

/** Messages of the recovery domain. Ids are prefixed with the domain. */
export const recoveryMessages = {
  RECOVERY_CASE_NOT_FOUND: {
    en: 'There is no recovery case "{caseId}".',
    ja: '復旧ケース "{caseId}" は存在しません。',
    remedy: {
      en: 'List the cases with "fieldkit cases list" and use one of the ids shown.',
      ja: '"fieldkit cases list" でケースを一覧し、表示された ID を指定してください。',
    },
    remedyWindow: {
      en: 'Open the Recovery page: unfinished cases are listed at the top with Resume and Abort.',
      ja: '復旧ページを開いてください。未完了のケースが「再開」「中止」ボタンとともに上部に表示されます。',
    },
  },
  RECOVERY_CASE_UNREADABLE: {
    en: 'The recovery case file "{file}" could not be read: {detail}',
    ja: '復旧ケースのファイル "{file}" を読み込めませんでした: {detail}',
    remedy: {
      en: 'The previous version is kept beside it as "{file}.bak"; copy it back, or collect a dump (fieldkit dump) for support.',
      ja: '直前の版が "{file}.bak" として残っています。それを戻すか、ダンプ (fieldkit dump) を採取してサポートに送付してください。',
    },
  },
  RECOVERY_CASE_WRITE_FAILED: {
    en: 'The recovery case "{caseId}" could not be saved: {detail}',
    ja: '復旧ケース "{caseId}" を保存できませんでした: {detail}',
    remedy: {
      en: 'Check that the FieldKit home folder is writable and the disk is not full, then resume the case.',
      ja: 'FieldKit のホームフォルダに書き込めること、ディスクに空きがあることを確認し、ケースを再開してください。',
    },
  },
  RECOVERY_WRONG_PHASE: {
    en: 'Case "{caseId}" is at step "{phase}"; "{action}" is not possible now.',
    ja: 'ケース "{caseId}" は "{phase}" の段階にあるため、"{action}" は現在実行できません。',
    remedy: {
      en: 'Resume the case to continue from the step it reached (fieldkit recover --resume {caseId}).',
      ja: 'ケースを再開して、到達した段階から続けてください (fieldkit recover --resume {caseId})。',
    },
    remedyWindow: {
      en: 'Open the Recovery page and press Resume: the case continues from the step it reached.',
      ja: '復旧ページで「再開」を押してください。ケースは到達した段階から続きます。',
    },
  },
  RECOVERY_CASE_CLOSED: {
    en: 'Case "{caseId}" is finished ({phase}); nothing more will be done to the server in it.',
    ja: 'ケース "{caseId}" は完了しています ({phase})。このケースでサーバに対して行う操作はありません。',
    remedy: {
      en: 'Start a new recovery for the server if it needs one.',
      ja: '必要であれば、そのサーバの復旧を新しく開始してください。',
    },
  },
  RECOVERY_CASE_OPEN: {
    en: 'Server "{server}" already has an unfinished recovery case "{caseId}" (at step "{phase}").',
    ja: 'サーバ "{server}" には未完了の復旧ケース "{caseId}" があります (段階: "{phase}")。',
    remedy: {
      en: 'Resume it (fieldkit recover --resume {caseId}) or abort it (fieldkit cases abort {caseId}) before starting another.',
      ja: '新しく開始する前に、再開 (fieldkit recover --resume {caseId}) するか中止 (fieldkit cases abort {caseId}) してください。',
    },
    remedyWindow: {
      en: 'On the Recovery page, press Resume (it re-reads the server first) or "Abort this case" beside it, then start again.',
      ja: '復旧ページで「再開」(最初にサーバの状態を読み直します) を押すか、その横の「このケースを中止」を押してから、改めて開始してください。',
    },
  },
  RECOVERY_NO_PASSWORD: {
    en: 'No password is stored for {account} on the BMC {endpoint} of "{server}".',
    ja: '"{server}" の BMC {endpoint} のユーザ {account} のパスワードが保存されていません。',
    remedy: {
      en: 'Store it in the keychain (fieldkit pserver mod {server} --password), or set FIELDKIT_PASSWORD for an unattended run.',
      ja: 'キーチェーンに保存する (fieldkit pserver mod {server} --password) か、無人実行では FIELDKIT_PASSWORD を設定してください。',
    },
    remedyWindow: {
      en: 'Store the password for {server} on the Inventory page (edit the server, Password).',
      ja: '構成ページで {server} を編集し、パスワードを保存してください。',
    },
  },
  RECOVERY_NO_SLOTS: {
    en: 'The BMC of "{server}" reports no PCI slot (Slot/Connector) sensors, so slot faults cannot be checked.',
    ja: '"{server}" の BMC に PCI スロット (Slot/Connector) センサーがないため、スロットの障害を確認できません。',
    remedy: {
      en: 'Check the slots in the vendor\'s BMC web console (Maintenance, Component Status), or update the BMC firmware.',
      ja: 'ベンダーの BMC Web コンソール (メンテナンス、コンポーネント状態) でスロットを確認するか、BMC ファームウェアを更新してください。',
    },
  },
  RECOVERY_CHECKLIST_INCOMPLETE: {
    en: 'Every item of the checklist must be confirmed before anything changes on "{server}" (missing: {missing}).',
    ja: '"{server}" に変更を加える前に、チェックリストのすべての項目を確認する必要があります (未確認: {missing})。',
    remedy: {
      en: 'Make sure the failover group runs on another server, the server is isolated and the maintenance window is agreed, then confirm each item.',
      ja: 'フェイルオーバグループが他のサーバで稼働していること、サーバが切り離されていること、保守時間が合意済みであることを確かめてから各項目を確認してください。',
    },
  },
  RECOVERY_CONFIRM_MISMATCH: {
    en: 'The name typed does not match the server "{server}"; the power action was not sent.',
    ja: '入力された名前がサーバ "{server}" と一致しないため、電源操作は送信していません。',
    remedy: {
      en: 'Type the server\'s name exactly as shown to confirm.',
      ja: '確認のため、表示されているとおりにサーバ名を入力してください。',
    },
  },
  RECOVERY_POWER_TIMEOUT: {
    en: 'The BMC of "{server}" did not report power {target} within {seconds} s.',
    ja: '"{server}" の BMC が {seconds} 秒以内に電源 {target} を報告しませんでした。',
    remedy: {
      en: 'Check the server\'s power at the BMC web console; then resume the case, which reads the power state again before doing anything.',
      ja: 'BMC Web コンソールでサーバの電源状態を確認してから、ケースを再開してください。再開時は何かを行う前に電源状態を読み直します。',
    },
  },
  RECOVERY_REARM_FAILED: {
    en: 'Re-arming the sensor of {slot} on "{server}" failed: {detail}',
    ja: '"{server}" の {slot} のセンサー再アームに失敗しました: {detail}',
    remedy: {
      en: 'Retry the step; if it keeps failing, use Clear All Faults in the vendor\'s BMC web console.',
      ja: 'この段階を再試行してください。失敗が続く場合は、ベンダーの BMC Web コンソールで Clear All Faults を実行してください。',
    },
  },
  RECOVERY_VENDOR_CLEAR_FAILED: {
    en: 'The vendor clear-faults command of profile "{profile}" failed on "{server}" (completion code {code}).',
    ja: 'プロファイル "{profile}" のベンダー障害クリアコマンドが "{server}" で失敗しました (完了コード {code})。',
    remedy: {
      en: 'Check the profile\'s command against the vendor\'s documentation, or use Clear All Faults in the BMC web console.',
      ja: 'プロファイルのコマンドをベンダーの資料と照合するか、BMC Web コンソールで Clear All Faults を実行してください。',
    },
  },
  RECOVERY_SEL_NOT_SAVED: {
    en: 'The SEL of "{server}" has not been saved with the case, so it will not be cleared.',
    ja: '"{server}" の SEL がケースに保存されていないため、クリアしません。',
    remedy: {
      en: 'Resume the case so that the SEL is read and saved first.',
      ja: 'ケースを再開し、先に SEL を読み込んで保存してください。',
    },
  },
  RECOVERY_FAULT_REMAINS: {
    en: 'A fault is still asserted on {slots} of "{server}" after power cycle {cycle}; the server is not recovered.',
    ja: '電源の再投入 ({cycle} 回目) 後も "{server}" の {slots} で障害が検出されています。サーバは復旧していません。',
    remedy: {
      en: 'Run the whole cycle once more, each step confirmed: Clear All Faults in the BMC web console (Maintenance > Component Status > Fault Information), power off, power on (fieldkit recover --resume, or "Run the cycle again" in the wizard). If the fault stays after that, the hardware needs service.',
      ja: '各手順を確認しながら、もう一度全体を実行してください: BMC Web コンソール (保守 > コンポーネントステータス > 障害情報) で Clear All Faults、電源 OFF、電源 ON (fieldkit recover --resume、またはウィザードの「もう一度実行」)。それでも障害が残る場合はハードウェアの保守が必要です。',
    },
    remedyWindow: {
      en: 'Run the whole cycle once more with "Run the cycle again": Clear All Faults in the BMC web console (Maintenance > Component Status > Fault Information), power off, power on, each confirmed. If the fault stays after that, the hardware needs service.',
      ja: '「もう一度実行」で、BMC の Web コンソール (保守 > コンポーネントステータス > 障害情報) の Clear All Faults、電源オフ、電源オンをそれぞれ確認しながらもう一度実行してください。それでも障害が残る場合はハードウェアの保守が必要です。',
    },
  },
  RECOVERY_FAULT_PERSISTS: {
    en: 'A fault is still asserted on {slots} of "{server}" after {cycle} cycles of Clear All Faults, power off and power on.',
    ja: 'Clear All Faults・電源 OFF・電源 ON を {cycle} 回行っても "{server}" の {slots} で障害が検出されています。',
    remedy: {
      en: 'Do not power-cycle it again: the slot or the device in it needs hardware service. Keep the case report for the service engineer.',
      ja: 'これ以上電源の再投入は行わないでください。スロットまたは搭載デバイスのハードウェア保守が必要です。ケースのレポートを保守担当者に渡してください。',
    },
  },
  RECOVERY_CLEAR_ALL_FAULTS_UNCONFIRMED: {
    en: 'Clear All Faults on "{server}" has not been confirmed; nothing was sent to the server.',
    ja: '"{server}" の Clear All Faults の実行が確認されていないため、サーバには何も送信していません。',
    remedy: {
      en: 'Open the BMC web console, go to {pathEn} ({pathJa} in the Japanese console), press Clear All Faults, then confirm it (wizard: the checkbox; CLI: answer the prompt or give --faults-cleared).',
      ja: 'BMC Web コンソールを開き、{pathJa} (英語表示では {pathEn}) で Clear All Faults を押してから、実行したことを確認してください (ウィザード: チェックボックス、CLI: 確認に答えるか --faults-cleared を指定)。',
    },
  },
  RECOVERY_CYCLES_USED: {
    en: '"{server}" has been through {cycles} cycles of Clear All Faults, power off and power on; no further cycle is offered.',
    ja: '"{server}" では Clear All Faults・電源 OFF・電源 ON をすでに {cycles} 回行いました。これ以上は実行できません。',
    remedy: {
      en: 'The slot needs hardware service; close the case (abort) and keep its report.',
      ja: 'スロットのハードウェア保守が必要です。ケースを中止し、レポートを保管してください。',
    },
  },
  RECOVERY_PROFILE_INVALID: {
    en: 'The vendor profile "{file}" is not valid: {detail}',
    ja: 'ベンダープロファイル "{file}" が正しくありません: {detail}',
    remedy: {
      en: 'Fix the profile file (see docs/recovery.md for its form) or remove it.',
      ja: 'プロファイルファイルを修正する (形式は docs/recovery.md を参照) か、削除してください。',
    },
  },
} satisfies MessageTable;

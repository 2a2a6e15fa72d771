import type { MessageTable } from './types';

/** Messages of the traps domain. Ids are prefixed with the domain. */
export const trapsMessages = {
  TRAPS_BIND_EACCES: {
    en: 'The trap listener may not use port {port} on {address}: ports below 1024 need privileges on this system.',
    ja: 'トラップ受信に {address} のポート {port} を使用する権限がありません。このシステムでは 1024 未満のポートに特権が必要です。',
    remedy: {
      en: 'Either listen on a port above 1024 (e.g. --port 10162) and set the same port as the trap destination in each BMC, or allow FieldKit to bind low ports once: sudo setcap cap_net_bind_service=+ep "$(readlink -f "$(which node)")" (or the FieldKit executable). The rest of FieldKit keeps working meanwhile.',
      ja: '1024 より大きいポート (例: --port 10162) で待ち受け、各 BMC のトラップ送信先にも同じポートを設定してください。または一度だけ低いポートの使用を許可してください: sudo setcap cap_net_bind_service=+ep "$(readlink -f "$(which node)")" (または FieldKit の実行ファイル)。その間も FieldKit の他の機能は使用できます。',
    },
    remedyWindow: {
      en: 'In the trap listener settings on the Traps page, choose a port above 1024 (e.g. 10162) and set the same port as the trap destination in each BMC; or allow FieldKit to bind low ports once (see the README). The rest of FieldKit keeps working meanwhile.',
      ja: 'トラップページのリスナー設定で 1024 より大きいポート (例: 10162) を選び、各 BMC のトラップ送信先にも同じポートを設定してください。または低いポートを使えるよう一度だけ許可してください (README 参照)。その間も FieldKit の他の機能は使えます。',
    },
  },
  TRAPS_BIND_IN_USE: {
    en: 'Port {port} on {address} is already used by another trap receiver.',
    ja: '{address} のポート {port} は他のトラップ受信プログラムが使用中です。',
    remedy: {
      en: 'Stop the other receiver (e.g. sudo systemctl stop snmptrapd; find it with: sudo ss -ulpn sport = :{port}), or listen on another port with --port and set the same port as the trap destination in each BMC. The rest of FieldKit keeps working meanwhile.',
      ja: '他の受信プログラムを停止するか (例: sudo systemctl stop snmptrapd。確認は sudo ss -ulpn sport = :{port})、--port で別のポートを指定し、各 BMC のトラップ送信先にも同じポートを設定してください。その間も FieldKit の他の機能は使用できます。',
    },
    remedyWindow: {
      en: 'Stop the other trap receiver on this machine (e.g. snmptrapd), or choose another port in the trap listener settings on the Traps page and set the same port as the trap destination in each BMC.',
      ja: 'このマシンの他のトラップ受信プログラム (snmptrapd など) を停止するか、トラップページのリスナー設定で別のポートを選び、各 BMC のトラップ送信先にも同じポートを設定してください。',
    },
  },
  TRAPS_BIND_ADDRESS: {
    en: 'The address {address} is not an address of this computer, so the trap listener cannot use it (port {port}).',
    ja: 'アドレス {address} はこのコンピュータのアドレスではないため、トラップ受信に使用できません (ポート {port})。',
    remedy: {
      en: 'Use 0.0.0.0 (all IPv4 addresses), :: (all addresses) or the address of the NIC on the BMC LAN.',
      ja: '0.0.0.0 (すべての IPv4 アドレス)、:: (すべてのアドレス)、または BMC LAN 側 NIC のアドレスを指定してください。',
    },
  },
  TRAPS_BIND_FAILED: {
    en: 'The trap listener could not open {address} port {port}: {detail}',
    ja: 'トラップ受信で {address} のポート {port} を開けませんでした: {detail}',
    remedy: {
      en: 'Check the address and port; try another port and set it as the trap destination in each BMC.',
      ja: 'アドレスとポートを確認してください。別のポートを試し、各 BMC のトラップ送信先にも設定してください。',
    },
  },
  TRAPS_ALREADY_LISTENING: {
    en: 'The trap listener is already running on {address} port {port}.',
    ja: 'トラップ受信は既に {address} のポート {port} で動作しています。',
    remedy: { en: 'Stop it first to change the address or port.', ja: 'アドレスやポートを変更するには、先に停止してください。' },
  },
  TRAPS_NO_CREDENTIALS: {
    en: 'The trap listener has no community and no SNMPv3 user, so it would refuse every trap.',
    ja: 'コミュニティも SNMPv3 ユーザも設定されていないため、トラップ受信はすべてのトラップを拒否します。',
    remedy: {
      en: 'Set the community the BMCs send: in the trap listener settings (traps.json), in FIELDKIT_SNMP_COMMUNITY, or with "traps listen --community-stdin"; or add an SNMPv3 user ("traps user set").',
      ja: 'BMC が送信するコミュニティを設定してください: トラップ受信設定 (traps.json)、環境変数 FIELDKIT_SNMP_COMMUNITY、または "traps listen --community-stdin"。あるいは SNMPv3 ユーザを追加してください ("traps user set")。',
    },
  },
  TRAPS_V3_USER_INVALID: {
    en: 'The SNMPv3 user "{user}" is incomplete: {detail}',
    ja: 'SNMPv3 ユーザ "{user}" の設定が不完全です: {detail}',
    remedy: {
      en: 'Give the authentication (and for authPriv the privacy) protocol and key; keys are at least 8 characters.',
      ja: '認証 (authPriv の場合は暗号化も) のプロトコルと鍵を指定してください。鍵は 8 文字以上必要です。',
    },
  },
  TRAPS_CONFIG_INVALID: {
    en: 'The trap listener configuration {file} is not valid: {detail}',
    ja: 'トラップ受信の設定ファイル {file} が正しくありません: {detail}',
    remedy: {
      en: 'Fix the file (see docs/traps.md, "Configuration") or remove it to use the defaults.',
      ja: 'ファイルを修正するか (docs/traps.md の「設定」を参照)、削除して既定値を使用してください。',
    },
  },
  TRAPS_V3_KEYS_MISSING: {
    en: 'The SNMPv3 user "{user}" is configured, but its keys were not given.',
    ja: 'SNMPv3 ユーザ "{user}" が設定されていますが、鍵が指定されていません。',
    remedy: {
      en: 'Store the keys in the keychain with "fieldkit traps user set {user} ..." (or in the Traps view, Listener settings), set FIELDKIT_SNMP_AUTH_KEY (and FIELDKIT_SNMP_PRIV_KEY for authPriv), or run the command in a terminal to be asked; keys are never stored in traps.json.',
      ja: '"fieldkit traps user set {user} ..." (またはトラップ画面の「受信設定」) で鍵をキーチェーンに保存するか、FIELDKIT_SNMP_AUTH_KEY (authPriv の場合は FIELDKIT_SNMP_PRIV_KEY も) を設定するか、端末で実行して入力してください。鍵は traps.json には保存されません。',
    },
  },
  TRAPS_PROFILE_INVALID: {
    en: 'The vendor profile {file} was not loaded: {detail}',
    ja: 'ベンダープロファイル {file} を読み込めませんでした: {detail}',
    remedy: {
      en: 'Fix the file (see docs/traps.md, "Adding a vendor"); the other profiles are in use meanwhile.',
      ja: 'ファイルを修正してください (docs/traps.md の「ベンダーの追加」を参照)。その間は他のプロファイルが使用されます。',
    },
  },
  TRAPS_PET_BAD_SPECIFIC: {
    en: 'The PET specific trap "{value}" is not a number from 0 to 16777215.',
    ja: 'PET の specific trap "{value}" が 0〜16777215 の数値ではありません。',
    remedy: {
      en: 'Give the specific trap in decimal or 0x hex, as snmptrapd prints it (e.g. 2191104 or 0x216F00).',
      ja: 'snmptrapd の表示どおり、10 進数または 0x 付き 16 進数で指定してください (例: 2191104 または 0x216F00)。',
    },
  },
  TRAPS_PET_BAD_LENGTH: {
    en: 'The PET variable binding has {length} bytes; IPMI PET v1.0 needs {min} to {max}.',
    ja: 'PET の変数バインディングが {length} バイトです。IPMI PET v1.0 では {min}〜{max} バイトが必要です。',
    remedy: {
      en: 'Check that all bytes were copied; a BMC that sends this is not PET compliant: report it to its vendor.',
      ja: 'すべてのバイトがコピーされているか確認してください。BMC がこれを送信している場合は PET 非準拠のため、ベンダーに報告してください。',
    },
  },
  TRAPS_PET_WRONG_TYPE: {
    en: 'The PET variable binding is of type {type}, not OCTET STRING.',
    ja: 'PET の変数バインディングの型が OCTET STRING ではなく {type} です。',
    remedy: { en: 'The sender is not PET compliant: report it to its vendor.', ja: '送信元が PET 非準拠です。ベンダーに報告してください。' },
  },
  TRAPS_PET_MISSING: {
    en: 'The trap claims to be a PET but carries no PET variable binding (1.3.6.1.4.1.3183.1.1.1).',
    ja: 'PET のトラップですが、PET の変数バインディング (1.3.6.1.4.1.3183.1.1.1) がありません。',
    remedy: { en: 'The sender is not PET compliant: report it to its vendor.', ja: '送信元が PET 非準拠です。ベンダーに報告してください。' },
  },
  TRAPS_DECODE_BAD_HEX: {
    en: 'The PET bytes must be hexadecimal (e.g. "a1 23 45" or "a12345").',
    ja: 'PET のバイト列は 16 進数で指定してください (例: "a1 23 45" または "a12345")。',
    remedy: {
      en: 'Copy the hex bytes of the 1.3.6.1.4.1.3183.1.1.1 variable binding as snmptrapd logs them.',
      ja: 'snmptrapd のログにある 1.3.6.1.4.1.3183.1.1.1 の 16 進バイト列をコピーしてください。',
    },
  },
  TRAPS_LOG_UNREADABLE: {
    en: 'The trap log {file} could not be read: {detail}',
    ja: 'トラップログ {file} を読み込めませんでした: {detail}',
    remedy: {
      en: 'Check the file permissions of the FieldKit folder; a damaged line is skipped, not fatal.',
      ja: 'FieldKit フォルダーのアクセス権を確認してください。破損した行は読み飛ばされます。',
    },
  },
  TRAPS_BAD_FILTER: {
    en: 'The trap filter is not valid: {detail}',
    ja: 'トラップの絞り込み条件が正しくありません: {detail}',
    remedy: {
      en: 'Use ISO 8601 times (e.g. 2026-11-22T03:00:00Z) and the listed classes and severities.',
      ja: '時刻は ISO 8601 (例: 2026-11-22T03:00:00Z)、分類と重要度は一覧の値を指定してください。',
    },
  },
  TRAPS_ACK_FAILED: {
    en: 'The PET Acknowledge to {address} failed: {detail}',
    ja: '{address} への PET Acknowledge に失敗しました: {detail}',
    remedy: {
      en: 'Check the BMC account and network; the trap itself was received and logged.',
      ja: 'BMC のアカウントとネットワークを確認してください。トラップ自体は受信され記録されています。',
    },
  },
  TRAPS_PORT_INVALID: {
    en: 'The trap listener port "{port}" is not valid: use a whole number from 1 to 65535.',
    ja: 'トラップ受信のポート "{port}" は正しくありません。1 から 65535 までの整数を指定してください。',
    remedy: {
      en: 'Use 162 (needs privileges) or a port above 1024 such as 10162, and set the same port as the trap destination in each BMC. Nothing was changed.',
      ja: '162 (特権が必要) または 10162 など 1024 より大きいポートを指定し、各 BMC のトラップ送信先にも同じポートを設定してください。設定は変更していません。',
    },
  },
  TRAPS_ADDRESS_INVALID: {
    en: 'The trap listener address "{address}" is not an IPv4 or IPv6 address.',
    ja: 'トラップ受信のアドレス "{address}" は IPv4 または IPv6 のアドレスではありません。',
    remedy: {
      en: 'Use 0.0.0.0 (all IPv4 addresses), :: (all addresses) or the address of the NIC on the BMC LAN. Nothing was changed.',
      ja: '0.0.0.0 (すべての IPv4 アドレス)、:: (すべてのアドレス)、または BMC LAN 側 NIC のアドレスを指定してください。設定は変更していません。',
    },
  },
  TRAPS_SETTINGS_INVALID: {
    en: 'The trap listener settings were not saved: {detail}',
    ja: 'トラップ受信の設定を保存しませんでした: {detail}',
    remedy: {
      en: 'Correct the value named and save again (see docs/traps.md, "Configuration"). Nothing was changed.',
      ja: '示された項目を修正してもう一度保存してください (docs/traps.md の「設定」を参照)。設定は変更していません。',
    },
  },
  TRAPS_V3_USER_NAME_INVALID: {
    en: 'The SNMPv3 user name "{user}" is not valid: use 1 to 32 letters, digits, ".", "_" or "-".',
    ja: 'SNMPv3 ユーザ名 "{user}" は正しくありません。英数字と "."、"_"、"-" の 1 から 32 文字にしてください。',
    remedy: {
      en: 'Use the user name configured in the BMC for SNMPv3 traps. Nothing was changed.',
      ja: 'BMC で SNMPv3 トラップ用に設定したユーザ名を指定してください。設定は変更していません。',
    },
  },
  TRAPS_V3_USER_DUPLICATE: {
    en: 'The SNMPv3 user "{user}" appears more than once in the listener settings.',
    ja: 'SNMPv3 ユーザ "{user}" が受信設定に重複しています。',
    remedy: {
      en: 'Keep one entry per user. Nothing was changed.',
      ja: 'ユーザごとに 1 件だけにしてください。設定は変更していません。',
    },
  },
} satisfies MessageTable;

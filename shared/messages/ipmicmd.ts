import type { MessageTable } from './types';

/** Messages of the IPMI commands layer (SDR, sensors, SEL, FRU, chassis). Ids prefixed IPMICMD_. */
export const ipmicmdMessages = {
  IPMICMD_SENSOR_NOT_BRIDGED: {
    en: 'Sensor {sensor} belongs to controller {owner}, which this BMC reaches only by bridging; FieldKit does not bridge, so it has no reading.',
    ja: 'センサ {sensor} はコントローラ {owner} の所有で、BMC からはブリッジ経由でしか読めません。FieldKit はブリッジしないため、読み取り値はありません。',
    remedy: {
      en: 'Read it on that controller directly, or with ipmitool -b/-t bridging options, if it matters for the job at hand.',
      ja: '作業に必要な場合は、そのコントローラを直接読むか、ipmitool のブリッジオプション (-b/-t) で読んでください。',
    },
  },
  IPMICMD_COMPLETION_CODE: {
    en: 'The BMC refused {command} with completion code {code} ({meaning}).',
    ja: 'BMC が {command} を完了コード {code} ({meaning}) で拒否しました。',
    remedy: {
      en: 'Check that the user has enough privilege (-L admin) and that the BMC supports this command; retry once the BMC is idle.',
      ja: 'ユーザに十分な権限 (-L admin) があること、BMC がこのコマンドに対応していることを確認し、BMC が落ち着いてから再実行してください。',
    },
  },
  IPMICMD_SHORT_RESPONSE: {
    en: 'The answer of the BMC to {command} was too short: {length} bytes where at least {expected} are needed.',
    ja: '{command} に対する BMC の応答が短すぎます: 少なくとも {expected} バイト必要ですが {length} バイトでした。',
    remedy: {
      en: 'Retry; if it persists the BMC firmware does not follow the IPMI specification here: report it with a dump (fieldkit dump).',
      ja: '再実行してください。繰り返す場合は BMC ファームウェアが IPMI 仕様に従っていません。ダンプ (fieldkit dump) を添えて報告してください。',
    },
  },
  IPMICMD_BAD_RECORD: {
    en: 'A {what} from the BMC could not be decoded: {detail}.',
    ja: 'BMC から受け取った {what} を解読できませんでした: {detail}。',
    remedy: {
      en: 'The record is skipped. If the data matters, read it with the vendor tool and report the BMC model.',
      ja: 'このレコードは読み飛ばします。必要な情報であればベンダーのツールで確認し、BMC の機種を報告してください。',
    },
  },
  IPMICMD_RESERVATION_LOST: {
    en: 'The {repository} kept changing while it was being read; gave up after {attempts} attempts.',
    ja: '{repository} が読み取り中に変更され続けたため、{attempts} 回試行して中止しました。',
    remedy: {
      en: 'Wait until the BMC has finished logging or updating, then try again.',
      ja: 'BMC のログ記録や更新が落ち着くのを待ってから再実行してください。',
    },
  },
  IPMICMD_POWER_TIMEOUT: {
    en: 'The server did not reach power {state} within {seconds} s after "{action}".',
    ja: '"{action}" の後、{seconds} 秒以内に電源が {state} になりませんでした。',
    remedy: {
      en: 'Check the power state with "fieldkit power status"; some servers take minutes to shut down gracefully (soft). Use "off" to force it.',
      ja: '"fieldkit power status" で電源状態を確認してください。OS のシャットダウン (soft) には数分かかることがあります。強制するには "off" を使います。',
    },
  },
  IPMICMD_POWER_OUTCOME_UNKNOWN: {
    en: 'The answer to "power {action}" was lost: the BMC may have carried it out. It was not sent again. Power is now {power} (read back through the {bmc} BMC).',
    ja: '"power {action}" への応答が失われました。BMC が実行した可能性があります。再送はしていません。現在の電源は {power} です ({bmc} BMC から読み取り)。',
    remedy: {
      en: 'Look at the server (console, SEL) to see whether it was {action}; repeat the command only if it was not.',
      ja: 'サーバ (コンソール、SEL) を確認し、{action} が実行されていない場合にのみコマンドを再実行してください。',
    },
  },
  IPMICMD_SEL_CLEAR_OUTCOME_UNKNOWN: {
    en: 'The answer to Clear SEL was lost: the BMC may have cleared the SEL. It was not sent again. The SEL now holds {entries} entries.',
    ja: 'Clear SEL への応答が失われました。BMC が SEL を消去した可能性があります。再送はしていません。現在の SEL のエントリ数は {entries} です。',
    remedy: {
      en: 'List the SEL to see what is left before you clear it again.',
      ja: '再度消去する前に SEL を一覧表示して残っている内容を確認してください。',
    },
  },
  IPMICMD_BAD_ARGUMENT: {
    en: 'Invalid {what}: "{value}". {detail}',
    ja: '{what} が不正です: "{value}"。{detail}',
    remedy: {
      en: 'Correct the value; see "fieldkit <command> --help".',
      ja: '値を修正してください。"fieldkit <command> --help" を参照してください。',
    },
  },
  IPMICMD_SENSOR_NOT_FOUND: {
    en: 'No sensor "{sensor}" in the SDR repository of this BMC.',
    ja: 'この BMC の SDR リポジトリにセンサー "{sensor}" はありません。',
    remedy: {
      en: 'List the sensors with "fieldkit sensors" and use the exact name or number.',
      ja: '"fieldkit sensors" でセンサー一覧を確認し、正確な名前か番号を指定してください。',
    },
  },
  IPMICMD_FRU_NOT_PRESENT: {
    en: 'The BMC has no FRU device {fruId} (completion code {code}).',
    ja: 'BMC に FRU デバイス {fruId} はありません (完了コード {code})。',
    remedy: {
      en: 'FRU 0 is the main board on most servers; list the FRU devices with "fieldkit sdr" (fru-locator records).',
      ja: '多くのサーバでは FRU 0 がメインボードです。"fieldkit sdr" の fru-locator レコードで FRU デバイスを確認してください。',
    },
  },
  IPMICMD_SEL_CLEAR_TIMEOUT: {
    en: 'The BMC did not finish erasing the SEL within {seconds} s.',
    ja: 'BMC が {seconds} 秒以内に SEL の消去を完了しませんでした。',
    remedy: {
      en: 'List the SEL again in a minute to see whether it was cleared.',
      ja: '1 分ほど待ってから SEL を再表示し、消去されたか確認してください。',
    },
  },
  IPMICMD_EXEC_LINE: {
    en: 'Line {line} of {file}: {detail}',
    ja: '{file} の {line} 行目: {detail}',
    remedy: {
      en: 'Each line holds one command: mc info, power status|on|off|cycle|reset|soft, sensors, slots, sdr, sel list, fru, raw NETFN CMD [DATA...], rearm SENSOR.',
      ja: '1 行に 1 コマンドを書きます: mc info, power status|on|off|cycle|reset|soft, sensors, slots, sdr, sel list, fru, raw NETFN CMD [DATA...], rearm SENSOR。',
    },
  },
  IPMICMD_FILE_UNREADABLE: {
    en: 'Cannot read {file}: {detail}',
    ja: '{file} を読み込めません: {detail}',
    remedy: {
      en: 'Check the path and its permissions.',
      ja: 'パスとアクセス権を確認してください。',
    },
  },
  IPMICMD_TARGET_MISSING: {
    en: 'No BMC given: name a server of the inventory or use -H host[:port] -U user.',
    ja: '対象の BMC が指定されていません。インベントリのサーバ名か -H host[:port] -U user を指定してください。',
    remedy: {
      en: 'Example: fieldkit power status -H 192.0.2.10 -U admin, or fieldkit power status node1.',
      ja: '例: fieldkit power status -H 192.0.2.10 -U admin、または fieldkit power status node1。',
    },
  },
  IPMICMD_PASSWORD_MISSING: {
    en: 'No password for {account}: none in the keychain, none given on standard input or in FIELDKIT_PASSWORD.',
    ja: '{account} のパスワードがありません (キーチェーンにも、標準入力や FIELDKIT_PASSWORD にもありません)。',
    remedy: {
      en: 'Store it (Inventory view, or fieldkit pserver mod ... --password-stdin), or give it with --password-stdin or FIELDKIT_PASSWORD.',
      ja: 'パスワードを保存するか (インベントリ画面、または fieldkit pserver mod ... --password-stdin)、--password-stdin か FIELDKIT_PASSWORD で指定してください。',
    },
  },
} satisfies MessageTable;

import type { MessageTable } from './types';

/**
 * Messages of the IPMI transport and RMCP+ session layer. Ids are prefixed
 * IPMI_. Params never carry a password or a key: only host, port, user name,
 * suite, privilege and similar.
 */
export const ipmiMessages = {
  IPMI_NO_RESPONSE: {
    en: 'The BMC at {host}:{port} did not answer within {timeoutMs} ms.',
    ja: '{host}:{port} の BMC から {timeoutMs} ミリ秒以内に応答がありませんでした。',
    remedy: {
      en: 'Check the BMC address and port, the LAN cable to the BMC port, and that IPMI over LAN is enabled on the BMC.',
      ja: 'BMC のアドレスとポート、BMC ポートへの LAN ケーブル、BMC で IPMI over LAN が有効になっているかを確認してください。',
    },
  },
  IPMI_BMC_STOPPED_ANSWERING: {
    en: 'The BMC at {host}:{port} stopped answering in the middle of a session.',
    ja: '{host}:{port} の BMC がセッションの途中で応答しなくなりました。',
    remedy: {
      en: 'The BMC may be rebooting or updating its firmware, or the network path broke. Wait a minute and try again; FieldKit opens a new session by itself.',
      ja: 'BMC の再起動中またはファームウェア更新中か、ネットワーク経路が切れた可能性があります。1 分ほど待ってから再実行してください。FieldKit は自動的に新しいセッションを開きます。',
    },
  },
  IPMI_OUTCOME_UNKNOWN: {
    en: 'The BMC at {host}:{port} did not answer a command that changes the server ({command}); it may or may not have carried it out.',
    ja: '{host}:{port} の BMC がサーバを変更するコマンド ({command}) に応答しませんでした。実行されたかどうかは不明です。',
    remedy: {
      en: 'FieldKit did not send it again. Check the server\'s state before you repeat it.',
      ja: 'FieldKit は再送していません。繰り返す前にサーバの状態を確認してください。',
    },
  },
  IPMI_NO_SESSION_SLOTS: {
    en: 'The BMC at {host}:{port} has no free session slot (it refused a new session: {step} status {status}).',
    ja: '{host}:{port} の BMC に空きセッションがありません (新しいセッションを拒否しました: {step} ステータス {status})。',
    remedy: {
      en: 'The BMC\'s few session slots are shared with the cluster software (CLUSTERPRO\'s BMC heartbeat, HA Monitor Connector\'s reset path). Close other IPMI tools and sessions to this BMC, or wait for idle sessions to time out (about a minute), then try again. Do not keep retrying: a full BMC also blocks the cluster\'s own fencing.',
      ja: 'BMC の少数のセッション枠はクラスタソフトウェア (CLUSTERPRO の BMC ハートビート、HA モニタ コネクタのリセットパス) と共用です。この BMC への他の IPMI ツールやセッションを閉じるか、アイドルセッションがタイムアウトするまで (約 1 分) 待ってから再実行してください。再試行を繰り返さないでください。セッション枠が埋まると、クラスタ自身の I/O Fencing も妨げられます。',
    },
  },
  IPMI_SESSION_LOST: {
    en: 'The BMC at {host}:{port} answers but no longer knows FieldKit\'s session (it was probably reset).',
    ja: '{host}:{port} の BMC は応答していますが、FieldKit のセッションが失われています (BMC がリセットされた可能性があります)。',
    remedy: {
      en: 'Run the command again: FieldKit opens a new session. If this repeats, check whether something keeps resetting the BMC.',
      ja: 'コマンドを再実行してください。FieldKit が新しいセッションを開きます。繰り返し発生する場合は、BMC を繰り返しリセットしているものがないか確認してください。',
    },
  },
  IPMI_AUTH_FAILED: {
    en: 'The BMC at {host}:{port} refused the password of user "{user}".',
    ja: '{host}:{port} の BMC がユーザ "{user}" のパスワードを受け付けませんでした。',
    remedy: {
      en: 'Check the password stored for this server (fieldkit pserver mod). Passwords longer than 16 characters must be set on the BMC in the 20-byte form.',
      ja: 'このサーバに保存されているパスワードを確認してください (fieldkit pserver mod)。16 文字を超えるパスワードは BMC 側で 20 バイト形式で設定されている必要があります。',
    },
    remedyWindow: {
      en: 'Check the password stored for this server on the Inventory page (edit the server, Password). Passwords longer than 16 characters must be set on the BMC in the 20-byte form.',
      ja: '構成ページでこのサーバに保存したパスワードを確認してください (サーバを編集、パスワード)。16 文字を超えるパスワードは BMC 側で 20 バイト形式に設定する必要があります。',
    },
  },
  IPMI_USER_UNKNOWN: {
    en: 'The BMC at {host}:{port} does not know user "{user}" (or the user is disabled).',
    ja: '{host}:{port} の BMC にユーザ "{user}" が存在しないか、無効になっています。',
    remedy: {
      en: 'Check the account name in the inventory against the BMC\'s user list; user names are case-sensitive.',
      ja: 'インベントリのアカウント名を BMC のユーザ一覧と照合してください。ユーザ名は大文字と小文字が区別されます。',
    },
  },
  IPMI_KG_MISMATCH: {
    en: 'The session with the BMC at {host}:{port} failed its final integrity check: the BMC key (Kg) does not match.',
    ja: '{host}:{port} の BMC とのセッションが最終の完全性チェックに失敗しました。BMC キー (Kg) が一致しません。',
    remedy: {
      en: 'Enter the BMC key (Kg) configured on the BMC (-k), or leave it empty if the BMC has none.',
      ja: 'BMC に設定されている BMC キー (Kg) を指定してください (-k)。BMC に設定されていない場合は空にしてください。',
    },
  },
  IPMI_SUITE_UNSUPPORTED: {
    en: 'The BMC at {host}:{port} does not accept cipher suite {suite}.',
    ja: '{host}:{port} の BMC は暗号スイート {suite} を受け付けません。',
    remedy: {
      en: 'Use automatic selection (-C auto), or pin a suite the BMC offers (17 or 3 on most BMCs).',
      ja: '自動選択 (-C auto) を使うか、BMC が対応する暗号スイート (多くの BMC では 17 または 3) を指定してください。',
    },
  },
  IPMI_SUITE0_REFUSED: {
    en: 'Cipher suite 0 (no authentication, no encryption) was refused for {host}:{port}.',
    ja: '{host}:{port} に対する暗号スイート 0 (認証なし・暗号化なし) の使用を拒否しました。',
    remedy: {
      en: 'Suite 0 lets anyone on the LAN control the server. Use suite 17 or 3; allow suite 0 explicitly (-C 0 --accept-weak-cipher) only on an isolated test bench.',
      ja: 'スイート 0 では LAN 上の誰でもサーバを操作できてしまいます。スイート 17 か 3 を使用し、スイート 0 は隔離された試験環境でのみ明示的に許可してください (-C 0 --accept-weak-cipher)。',
    },
  },
  IPMI_WEAK_SUITE_REFUSED: {
    en: 'Cipher suite {suite} was refused for {host}:{port}: its session is not encrypted (suite 1 has no integrity protection either), and it was not explicitly accepted.',
    ja: '{host}:{port} に対する暗号スイート {suite} の使用を拒否しました。このスイートのセッションは暗号化されず (スイート 1 は改ざん検知もありません)、使用が明示的に承認されていません。',
    remedy: {
      en: 'Use suite 17 or 3 (or -C auto). If this BMC offers nothing stronger, accept the weak suite deliberately: -C {suite} --accept-weak-cipher on the command line, or tick "accept a weak cipher suite" for the server in the inventory.',
      ja: 'スイート 17 か 3 (または -C auto) を使用してください。BMC がより強いスイートに対応していない場合に限り、弱いスイートを意図的に承認してください: コマンドラインでは -C {suite} --accept-weak-cipher、インベントリではサーバの「弱い暗号スイートを承認する」にチェックを入れます。',
    },
  },
  IPMI_SUITE_DOWNGRADE_REFUSED: {
    en: 'The BMC at {host}:{port} offers only cipher suite(s) {offered}, neither 17 nor 3: FieldKit refused to fall back to a weaker suite by itself (a man in the middle can rewrite this offer to force a session without integrity or encryption).',
    ja: '{host}:{port} の BMC が提示した暗号スイートは {offered} のみで、17 も 3 も含まれていません。FieldKit は弱いスイートへの自動的な格下げを拒否しました (中間者がこの提示を書き換えて、改ざん検知や暗号化のないセッションを強制できるため)。',
    remedy: {
      en: 'Check the BMC\'s cipher suite settings and the network path to it. Only if this BMC really offers nothing stronger, pin a weaker suite deliberately: -C 2 (or -C 1) --accept-weak-cipher on the command line, or set the suite and tick "accept a weak cipher suite" for the server in the inventory.',
      ja: 'BMC の暗号スイート設定と BMC までのネットワーク経路を確認してください。BMC が本当により強いスイートに対応していない場合に限り、弱いスイートを意図的に指定してください: コマンドラインでは -C 2 (または -C 1) --accept-weak-cipher、インベントリではスイートを設定してサーバの「弱い暗号スイートを承認する」にチェックを入れます。',
    },
  },
  IPMI_PRIVILEGE_REFUSED: {
    en: 'The BMC at {host}:{port} refused privilege level {privilege} for user "{user}".',
    ja: '{host}:{port} の BMC はユーザ "{user}" に特権レベル {privilege} を許可しませんでした。',
    remedy: {
      en: 'Ask for a lower level (-L operator or -L user), or give the account a higher privilege on the BMC.',
      ja: 'より低い特権レベルを指定する (-L operator または -L user) か、BMC でアカウントの特権を上げてください。',
    },
  },
  IPMI_INSUFFICIENT_PRIVILEGE: {
    en: 'The BMC at {host} refused the command (netFn {netFn}, cmd {cmd}): the session privilege {privilege} is too low.',
    ja: '{host} の BMC がコマンド (netFn {netFn}, cmd {cmd}) を拒否しました。セッションの特権レベル {privilege} では不足です。',
    remedy: {
      en: 'Use an account with operator or administrator privilege (-L admin).',
      ja: 'オペレーターまたは管理者特権を持つアカウントを使用してください (-L admin)。',
    },
  },
  IPMI_HANDSHAKE_FAILED: {
    en: 'Opening a session with the BMC at {host}:{port} failed at {step} (status {status}: {reason}).',
    ja: '{host}:{port} の BMC とのセッション確立が {step} で失敗しました (ステータス {status}: {reason})。',
    remedy: {
      en: 'Try another cipher suite (-C 3) or privilege level (-L operator); if the BMC reports too many sessions, wait for old ones to time out.',
      ja: '別の暗号スイート (-C 3) や特権レベル (-L operator) を試してください。セッション数超過の場合は古いセッションのタイムアウトを待ってください。',
    },
  },
  IPMI_BAD_TARGET: {
    en: 'The IPMI connection settings are invalid: {detail}',
    ja: 'IPMI 接続設定が正しくありません: {detail}',
    remedy: {
      en: 'Correct the BMC entry in the inventory or the command-line options.',
      ja: 'インベントリの BMC 設定またはコマンドラインオプションを修正してください。',
    },
  },
  IPMI_SOCKET_ERROR: {
    en: 'FieldKit could not use its UDP socket: {detail}',
    ja: 'FieldKit が UDP ソケットを使用できませんでした: {detail}',
    remedy: {
      en: 'Check that this machine has an address on the BMC LAN and that no firewall blocks outgoing UDP to port 623.',
      ja: 'この PC が BMC LAN 上のアドレスを持っていること、ファイアウォールが UDP ポート 623 宛ての通信を遮断していないことを確認してください。',
    },
  },
  IPMI_HOST_UNRESOLVED: {
    en: 'The BMC host name "{host}" could not be resolved.',
    ja: 'BMC のホスト名 "{host}" を名前解決できませんでした。',
    remedy: {
      en: 'Use the BMC\'s IP address, or fix the name in DNS or /etc/hosts.',
      ja: 'BMC の IP アドレスを指定するか、DNS または /etc/hosts の名前を修正してください。',
    },
  },
  IPMI_ENGINE_CLOSED: {
    en: 'The IPMI engine has been shut down.',
    ja: 'IPMI エンジンは停止しています。',
    remedy: {
      en: 'Restart FieldKit.',
      ja: 'FieldKit を再起動してください。',
    },
  },
  IPMI_DECODE_ERROR: {
    en: 'A malformed IPMI packet was received and ignored: {detail}',
    ja: '不正な形式の IPMI パケットを受信したため無視しました: {detail}',
    remedy: {
      en: 'Usually harmless. If it repeats, capture the traffic and report it with a dump.',
      ja: '通常は問題ありません。繰り返す場合は通信をキャプチャし、ダンプとともに報告してください。',
    },
  },
  IPMI_BOTH_BMCS_UNREACHABLE: {
    en: 'Neither the primary BMC ({primary}) nor the secondary BMC ({secondary}) answered.',
    ja: 'プライマリ BMC ({primary}) とセカンダリ BMC ({secondary}) のどちらも応答しませんでした。',
    remedy: {
      en: 'Check power to the server and the network to both BMC ports.',
      ja: 'サーバの電源と両方の BMC ポートへのネットワークを確認してください。',
    },
  },
} satisfies MessageTable;

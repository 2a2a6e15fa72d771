import type { MessageTable } from './types';

/**
 * Messages of the credentials domain. Each keychain failure has its own id so
 * that a missing bus, a missing daemon and a locked keyring are never shown
 * as "no password stored". Params never carry a password.
 */
export const credentialsMessages = {
  CRED_NO_DBUS: {
    en: 'The OS keychain cannot be reached: there is no D-Bus session bus.',
    ja: 'OS のキーチェーンに接続できません: D-Bus セッションバスがありません。',
    remedy: {
      en: 'Start FieldKit from a desktop session, or run it under "dbus-run-session". Until then passwords are kept for this session only and never written to disk.',
      ja: 'デスクトップセッションから FieldKit を起動するか、"dbus-run-session" の下で実行してください。それまでパスワードはこのセッションの間だけ保持し、ディスクには書きません。',
    },
  },
  CRED_NO_SECRET_SERVICE: {
    en: 'The OS keychain cannot be reached: no Secret Service (e.g. gnome-keyring) runs on the session bus.',
    ja: 'OS のキーチェーンに接続できません: セッションバス上に Secret Service (gnome-keyring など) が動作していません。',
    remedy: {
      en: 'Install and start gnome-keyring or KeePassXC with Secret Service enabled. Until then passwords are kept for this session only.',
      ja: 'gnome-keyring、または Secret Service を有効にした KeePassXC をインストールして起動してください。それまでパスワードはこのセッションの間だけ保持します。',
    },
  },
  CRED_KEYRING_LOCKED: {
    en: 'The OS keyring is locked, so FieldKit cannot read or store passwords in it.',
    ja: 'OS のキーリングがロックされているため、FieldKit はパスワードの読み書きができません。',
    remedy: {
      en: 'Unlock the keyring (log in to the desktop, or use your keyring manager such as Seahorse) and try again.',
      ja: 'キーリングのロックを解除して (デスクトップにログインするか、Seahorse などのキーリング管理ツールを使用)、再度実行してください。',
    },
  },
  CRED_NO_KEYRING: {
    en: 'The Secret Service has no default keyring to store passwords in.',
    ja: 'Secret Service にパスワードを保存する既定のキーリングがありません。',
    remedy: {
      en: 'Create a default ("login") keyring with your keyring manager, unlock it, and try again.',
      ja: 'キーリング管理ツールで既定 ("login") のキーリングを作成してロックを解除し、再度実行してください。',
    },
  },
  CRED_KEYCHAIN_UNAVAILABLE: {
    en: 'The keychain module could not be loaded: {detail}',
    ja: 'キーチェーンモジュールを読み込めませんでした: {detail}',
    remedy: {
      en: 'Reinstall FieldKit (keytar must match this Electron/Node). Passwords are kept for this session only.',
      ja: 'FieldKit を再インストールしてください (keytar がこの Electron/Node に合っている必要があります)。パスワードはこのセッションの間だけ保持します。',
    },
  },
  CRED_KEYCHAIN_FAILED: {
    en: 'The OS keychain reported an error: {detail}',
    ja: 'OS のキーチェーンがエラーを返しました: {detail}',
    remedy: {
      en: 'Check that the keychain service runs and is unlocked, then try again.',
      ja: 'キーチェーンのサービスが動作し、ロックが解除されていることを確認して再度実行してください。',
    },
  },
  CRED_KEYCHAIN_TIMEOUT: {
    en: 'The OS keychain did not answer within {seconds} s.',
    ja: 'OS のキーチェーンが {seconds} 秒以内に応答しませんでした。',
    remedy: {
      en: 'A keyring unlock prompt may be waiting on the desktop: answer it, then try again.',
      ja: 'デスクトップにキーリングのロック解除画面が表示されている可能性があります。応答してから再度実行してください。',
    },
  },
  CRED_PASSWORD_EMPTY: {
    en: 'The password for {account} is empty.',
    ja: '{account} のパスワードが空です。',
    remedy: { en: 'Enter the BMC user\'s password.', ja: 'BMC ユーザのパスワードを入力してください。' },
  },
  CRED_PASSWORD_TOO_LONG: {
    en: 'The password for {account} is {bytes} bytes long; IPMI allows at most {max}.',
    ja: '{account} のパスワードは {bytes} バイトあります。IPMI の上限は {max} バイトです。',
    remedy: {
      en: 'Use a password of at most 20 bytes (passwords over 16 bytes need the BMC\'s 20-byte password setting).',
      ja: '20 バイト以内のパスワードにしてください (16 バイトを超える場合は BMC 側で 20 バイトのパスワード設定が必要です)。',
    },
  },
  CRED_KG_INVALID: {
    en: 'The BMC key (Kg) for {account} is not valid.',
    ja: '{account} の BMC キー (Kg) が正しくありません。',
    remedy: {
      en: 'Enter 1 to 20 characters, or 0x followed by up to 40 hex digits.',
      ja: '1～20 文字、または 0x に続けて 40 桁以内の 16 進数で入力してください。',
    },
  },
  CRED_NOT_STORED: {
    en: 'No password is stored for {account}.',
    ja: '{account} のパスワードは保存されていません。',
    remedy: {
      en: 'Store it with "fieldkit pserver mod <server> account=<user>" or in the Inventory view.',
      ja: '"fieldkit pserver mod <サーバ> account=<ユーザ>" またはインベントリ画面で保存してください。',
    },
    remedyWindow: {
      en: 'Store it on the Inventory page (edit the server, Password).',
      ja: '構成ページでサーバを編集し、パスワードを保存してください。',
    },
  },
  CRED_PASSWORD_STDIN_EMPTY: {
    en: 'No password arrived on standard input.',
    ja: '標準入力からパスワードを受け取れませんでした。',
    remedy: {
      en: 'Pipe the password in, e.g. printf %s "$PW" | fieldkit pserver add ... --password-stdin.',
      ja: 'パイプでパスワードを渡してください (例: printf %s "$PW" | fieldkit pserver add ... --password-stdin)。',
    },
  },
  CRED_SNMPV3_KEY_INVALID: {
    en: 'The SNMPv3 {kind} key of user "{user}" must be {min} to {max} characters long.',
    ja: 'SNMPv3 ユーザ "{user}" の {kind} 鍵は {min} 文字以上 {max} 文字以下にしてください。',
    remedy: {
      en: 'Enter the same passphrase as configured in the BMC for this user (SNMPv3 requires at least {min} characters).',
      ja: 'BMC でこのユーザに設定したものと同じパスフレーズを入力してください (SNMPv3 では {min} 文字以上が必要です)。',
    },
  },
  CRED_SNMPV3_KEY_NOT_STORED: {
    en: 'No SNMPv3 {kind} key is stored for user "{user}" (keychain account {account}).',
    ja: 'SNMPv3 ユーザ "{user}" の {kind} 鍵が保存されていません (キーチェーンのアカウント {account})。',
    remedy: {
      en: 'Store it with "fieldkit traps user set {user} ..." or in the Traps view, Listener settings; or remove the user from the listener settings.',
      ja: '"fieldkit traps user set {user} ..." またはトラップ画面の「受信設定」で保存してください。不要ならこのユーザを受信設定から削除してください。',
    },
    remedyWindow: {
      en: 'Store it in the trap listener settings on the Traps page (SNMPv3 users), or remove the user there.',
      ja: 'トラップページのリスナー設定 (SNMPv3 ユーザ) で鍵を保存するか、そのユーザを削除してください。',
    },
  },
} as const satisfies MessageTable;

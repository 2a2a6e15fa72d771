import type { MessageTable } from './types';

/** Messages of the foundation: transports, IPC validation, host, CLI, files. */
export const coreMessages = {
  INTERNAL: {
    en: 'An unexpected internal error occurred: {detail}',
    ja: '予期しない内部エラーが発生しました: {detail}',
    remedy: {
      en: 'Collect a dump (fieldkit dump) and send it to support.',
      ja: 'ダンプを採取し (fieldkit dump)、サポートに送付してください。',
    },
    remedyWindow: {
      en: 'Collect a dump on the Dump page and send it to support.',
      ja: 'ダンプページでダンプを採取し、サポートに送ってください。',
    },
  },
  IPC_UNKNOWN_CHANNEL: {
    en: 'Unknown API channel "{channel}".',
    ja: '不明な API チャネル "{channel}" です。',
    remedy: {
      en: 'Update FieldKit so that the window and the main process are the same version.',
      ja: '画面とメインプロセスが同じバージョンになるよう FieldKit を更新してください。',
    },
  },
  IPC_BAD_SENDER: {
    en: 'A request came from a page that is not FieldKit ({origin}) and was refused.',
    ja: 'FieldKit 以外のページ ({origin}) からの要求を拒否しました。',
    remedy: {
      en: 'Only use FieldKit through its own window.',
      ja: 'FieldKit 自身のウィンドウから操作してください。',
    },
  },
  IPC_BAD_PAYLOAD: {
    en: 'The request to "{channel}" was malformed: {detail}',
    ja: '"{channel}" への要求の形式が正しくありません: {detail}',
    remedy: {
      en: 'Check the values you entered; if they are right, report this as a bug.',
      ja: '入力値を確認してください。正しい場合は不具合として報告してください。',
    },
  },
  HOST_ADDRESS_NOT_LOOPBACK: {
    en: 'The headless host only listens on loopback; "{address}" is not a loopback address.',
    ja: 'ヘッドレスホストはループバックでのみ待ち受けます。"{address}" はループバックアドレスではありません。',
    remedy: {
      en: 'Use 127.0.0.1 or ::1 and reach it from another machine through an SSH tunnel (ssh -L).',
      ja: '127.0.0.1 か ::1 を指定し、他のマシンからは SSH トンネル (ssh -L) 経由で接続してください。',
    },
  },
  HOST_PORT_IN_USE: {
    en: 'Port {port} on {address} is already in use.',
    ja: '{address} のポート {port} は既に使用されています。',
    remedy: {
      en: 'Choose another port with --port, or stop the program that holds it.',
      ja: '--port で別のポートを指定するか、そのポートを使用しているプログラムを停止してください。',
    },
  },
  HOST_UNAUTHORIZED: {
    en: 'Access refused: the request did not carry this session\'s token.',
    ja: 'アクセスを拒否しました: 要求にこのセッションのトークンが含まれていません。',
    remedy: {
      en: 'Open the exact URL that "fieldkit serve" printed (it carries the token in its path).',
      ja: '"fieldkit serve" が表示した URL をそのまま開いてください (パスにトークンが含まれます)。',
    },
  },
  HOST_RENDERER_MISSING: {
    en: 'The built user interface was not found at {path}.',
    ja: 'ビルド済みの画面が {path} に見つかりません。',
    remedy: { en: 'Run "npm run build" first.', ja: '先に "npm run build" を実行してください。' },
  },
  HOST_BAD_REQUEST: {
    en: 'The headless host refused a malformed request ({detail}).',
    ja: 'ヘッドレスホストは形式の正しくない要求を拒否しました ({detail})。',
    remedy: {
      en: 'Open the URL that "fieldkit serve" printed in a browser; other clients must send well-formed HTTP and WebSocket requests.',
      ja: '"fieldkit serve" が表示した URL をブラウザで開いてください。その他のクライアントは正しい形式の HTTP / WebSocket 要求を送ってください。',
    },
  },
  HOST_FORBIDDEN_ORIGIN: {
    en: 'Request refused: it was addressed to "{host}" from origin "{origin}", not to the address the host is bound to.',
    ja: '要求を拒否しました: 宛先 "{host}"、オリジン "{origin}" は、ホストが待ち受けるアドレスではありません。',
    remedy: {
      en: 'Open the URL exactly as "fieldkit serve" printed it (same address and port; for an SSH tunnel forward the same port number: ssh -L PORT:127.0.0.1:PORT).',
      ja: '"fieldkit serve" が表示した URL をそのまま開いてください (同じアドレスとポート。SSH トンネルでは同じポート番号を転送: ssh -L PORT:127.0.0.1:PORT)。',
    },
  },
  HOST_MESSAGE_TOO_LARGE: {
    en: 'The request is too large for the headless host ({size} bytes; at most {max}).',
    ja: 'ヘッドレスホストに対して要求が大きすぎます ({size} バイト。上限 {max})。',
    remedy: {
      en: 'Split the data (for example import a smaller file), or use the CLI, which reads files directly.',
      ja: 'データを分割するか (小さなファイルをインポートするなど)、ファイルを直接読み込む CLI を使ってください。',
    },
  },
  CLI_USAGE: {
    en: 'Invalid command line: {detail}',
    ja: 'コマンドラインが正しくありません: {detail}',
    remedy: {
      en: 'Run the command with --help to see its usage.',
      ja: '--help を付けて実行し、使い方を確認してください。',
    },
  },
  CLI_CONFIRMATION_REQUIRED: {
    en: 'This changes the server and needs confirmation, but no terminal is attached to ask.',
    ja: 'この操作はサーバを変更するため確認が必要ですが、確認できる端末がありません。',
    remedy: {
      en: 'Add --yes once you are sure the target is right.',
      ja: '対象が正しいことを確かめたうえで --yes を付けてください。',
    },
  },
  CLI_ABORTED: {
    en: 'Not confirmed (the answer was not yes, or the typed name did not match); nothing was changed.',
    ja: '確認されませんでした (回答が yes ではないか、入力した名前が一致しません)。何も変更していません。',
    remedy: { en: 'Run the command again when ready.', ja: '準備ができたら再度実行してください。' },
  },
  FILE_WRITE_FAILED: {
    en: 'Could not write {path}: {detail}',
    ja: '{path} を書き込めませんでした: {detail}',
    remedy: {
      en: 'Check free disk space and permissions of the FieldKit home folder (--home).',
      ja: 'ディスクの空き容量と FieldKit のホームフォルダー (--home) の権限を確認してください。',
    },
  },
  FILE_READ_FAILED: {
    en: 'Could not read {path}: {detail}',
    ja: '{path} を読み込めませんでした: {detail}',
    remedy: {
      en: 'Check that the file exists and that you may read it.',
      ja: 'ファイルが存在し、読み取り権限があることを確認してください。',
    },
  },
  /**
   * The one id for "cancelled by the user while it ran" (Ctrl-C in the CLI,
   * Cancel in the window, jobs.cancel over the WebSocket). Test for it with
   * isCancellation() in shared/errors.ts, never by comparing ids.
   */
  CANCELLED: {
    en: 'Cancelled by the user before it finished.',
    ja: '完了する前にユーザが取り消しました。',
    remedy: {
      en: 'What finished before the cancel is kept (a recovery case keeps its steps); no half-written file is left. If a power or clear operation was under way, check the server\'s state first, then run it again when ready.',
      ja: '取り消す前に完了した分は残ります (復旧ケースにはそのステップが記録されます)。書きかけのファイルは残りません。電源操作や消去の途中だった場合は先にサーバの状態を確認し、準備ができたら再実行してください。',
    },
  },
  /** One id for "that name is not a server of the inventory", whichever job asked (IPMI, recovery, firmware, dump, confirmations). */
  SERVER_UNKNOWN: {
    en: 'There is no server named "{server}" in the inventory, or the name is in more than one cluster.',
    ja: 'インベントリに "{server}" という名前のサーバがないか、複数のクラスタに同じ名前があります。',
    remedy: {
      en: 'Check the name on the Inventory page or with "fieldkit show setting" (names are case-sensitive); give a name used in two clusters a unique one.',
      ja: 'インベントリ画面または "fieldkit show setting" で名前を確認してください (大文字と小文字を区別します)。複数のクラスタで同じ名前を使っている場合は、一意の名前にしてください。',
    },
    remedyWindow: {
      en: 'Check the name on the Inventory page (names are case-sensitive); give a name used in two clusters a unique one.',
      ja: '構成ページで名前を確認してください (大文字と小文字を区別します)。複数のクラスタで同じ名前を使っている場合は、一意の名前にしてください。',
    },
  },
} satisfies MessageTable;

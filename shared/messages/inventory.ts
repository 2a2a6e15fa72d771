import type { MessageTable } from './types';

/**
 * Messages of the inventory domain. Every rule names the field it is about
 * and what to change; `{path}` is where in the inventory the value sits.
 */
export const inventoryMessages = {
  // ---- names and cluster shape
  INVENTORY_SERVER_NAME_INVALID: {
    en: 'Server name "{value}" ({path}) is not allowed.',
    ja: 'サーバ名 "{value}" ({path}) は使用できません。',
    remedy: {
      en: 'Use 1 to 31 letters and digits (A-Z, a-z, 0-9) with no spaces or symbols, as HA Monitor Connector requires.',
      ja: 'HA Monitor Connector の規則どおり、英字と数字 (A-Z, a-z, 0-9) だけで 1～31 文字の名前にしてください (空白・記号は不可)。',
    },
  },
  INVENTORY_SERVER_NAME_DUPLICATE: {
    en: 'Server name "{value}" is used twice in cluster "{cluster}" ({path}).',
    ja: 'サーバ名 "{value}" がクラスタ "{cluster}" 内で重複しています ({path})。',
    remedy: {
      en: 'Give every server of a cluster its own name (names are compared without regard to case).',
      ja: 'クラスタ内の各サーバに別々の名前を付けてください (大文字・小文字は区別しません)。',
    },
  },
  INVENTORY_CLUSTER_NAME_INVALID: {
    en: 'Cluster name "{value}" ({path}) is not allowed.',
    ja: 'クラスタ名 "{value}" ({path}) は使用できません。',
    remedy: {
      en: 'Use 1 to 31 characters: letters, digits, "-" and "_", starting with a letter or digit.',
      ja: '英字・数字・"-"・"_" で 1～31 文字、先頭は英字か数字にしてください。',
    },
  },
  INVENTORY_CLUSTER_NAME_DUPLICATE: {
    en: 'Cluster name "{value}" is used twice ({path}).',
    ja: 'クラスタ名 "{value}" が重複しています ({path})。',
    remedy: { en: 'Rename one of the clusters.', ja: 'いずれかのクラスタ名を変更してください。' },
  },
  INVENTORY_CLUSTER_TOO_FEW_SERVERS: {
    en: 'Cluster "{cluster}" ({kind}) has {count} server(s); it needs {min} to {max}.',
    ja: 'クラスタ "{cluster}" ({kind}) のサーバは {count} 台です。{min}～{max} 台が必要です。',
    remedy: {
      en: 'Add servers with "fieldkit pserver add" or in the Inventory view. A physical cluster has 2 to 4 servers, a virtual one exactly 2.',
      ja: '"fieldkit pserver add" またはインベントリ画面でサーバを追加してください。物理クラスタは 2～4 台、仮想クラスタは 2 台です。',
    },
  },
  INVENTORY_CLUSTER_TOO_MANY_SERVERS: {
    en: 'Cluster "{cluster}" ({kind}) has {count} servers; at most {max} are allowed.',
    ja: 'クラスタ "{cluster}" ({kind}) のサーバは {count} 台です。最大 {max} 台までです。',
    remedy: {
      en: 'Remove servers (fieldkit pserver del) or split them into another cluster. A physical cluster has 2 to 4 servers, a virtual one exactly 2.',
      ja: 'サーバを削除する (fieldkit pserver del) か、別のクラスタに分けてください。物理クラスタは 2～4 台、仮想クラスタは 2 台です。',
    },
  },
  // ---- BMC endpoints and IPMI options
  INVENTORY_BMC_ADDRESS_INVALID: {
    en: 'BMC address "{value}" ({path}) is not an IPv4 or IPv6 address.',
    ja: 'BMC アドレス "{value}" ({path}) は IPv4 / IPv6 アドレスではありません。',
    remedy: {
      en: 'Enter the BMC LAN address as digits, e.g. 192.0.2.10, 192.0.2.10:623 or [2001:db8::10]:623 (host names are not accepted).',
      ja: '192.0.2.10、192.0.2.10:623、[2001:db8::10]:623 のように BMC の LAN アドレスを数字で入力してください (ホスト名は使用できません)。',
    },
  },
  INVENTORY_BMC_PORT_INVALID: {
    en: 'BMC port "{value}" ({path}) is out of range.',
    ja: 'BMC ポート "{value}" ({path}) が範囲外です。',
    remedy: {
      en: 'Use a port from 1 to 65535, or leave it out for the IPMI default 623.',
      ja: '1～65535 のポートを指定するか、省略して IPMI 既定の 623 を使用してください。',
    },
  },
  INVENTORY_BMC_ADDRESS_DUPLICATE: {
    en: 'BMC endpoint {value} ({path}) is also used by server "{other}".',
    ja: 'BMC エンドポイント {value} ({path}) はサーバ "{other}" でも使われています。',
    remedy: {
      en: 'Each BMC address and port may belong to one server only: correct the address so the target is never ambiguous.',
      ja: '対象があいまいにならないよう、BMC のアドレスとポートは 1 台のサーバだけに割り当ててください。',
    },
  },
  INVENTORY_BMC_SECONDARY_SAME: {
    en: 'The secondary BMC address of "{server}" is the same as its primary ({value}).',
    ja: '"{server}" の副 BMC アドレスが主 BMC アドレス ({value}) と同じです。',
    remedy: {
      en: 'Enter the second LAN port of the BMC as addr2, or remove addr2.',
      ja: 'addr2 には BMC の 2 つ目の LAN ポートのアドレスを指定するか、addr2 を削除してください。',
    },
  },
  INVENTORY_ACCOUNT_INVALID: {
    en: 'BMC account "{value}" ({path}) is not a valid IPMI user name.',
    ja: 'BMC アカウント "{value}" ({path}) は IPMI のユーザ名として使用できません。',
    remedy: {
      en: 'Use at most 16 bytes of printable characters without spaces at either end (the IPMI limit).',
      ja: '前後に空白のない、印字可能文字で 16 バイト以内のユーザ名にしてください (IPMI の上限)。',
    },
  },
  INVENTORY_CIPHER_SUITE_INVALID: {
    en: 'Cipher suite "{value}" ({path}) does not exist.',
    ja: '暗号スイート "{value}" ({path}) は存在しません。',
    remedy: {
      en: 'Use an IPMI 2.0 cipher suite number from 0 to 19; FieldKit speaks 3 and 17.',
      ja: '0～19 の IPMI 2.0 暗号スイート番号を指定してください。FieldKit が使用できるのは 3 と 17 です。',
    },
  },
  INVENTORY_CIPHER_SUITE_UNSUPPORTED: {
    en: 'Cipher suite {value} ({path}) is not one FieldKit speaks.',
    ja: '暗号スイート {value} ({path}) は FieldKit では使用できません。',
    remedy: {
      en: 'Choose 17 (SHA-256, AES) or 3 (SHA-1, AES) if the BMC offers it.',
      ja: 'BMC が対応していれば 17 (SHA-256, AES) または 3 (SHA-1, AES) を選択してください。',
    },
  },
  INVENTORY_WEAK_CIPHER_NOT_ACCEPTED: {
    en: 'Server {server} is set to cipher suite {value} ({path}), whose sessions are not encrypted (suite 1: no integrity protection either; suite 0: no authentication at all), and the weak suite is not accepted for it.',
    ja: 'サーバ {server} の暗号スイートが {value} ({path}) に設定されていますが、このスイートのセッションは暗号化されず (スイート 1 は改ざん検知もなく、スイート 0 は認証もありません)、弱いスイートの使用が承認されていません。',
    remedy: {
      en: 'Choose suite 17 or 3. Only if this BMC offers nothing stronger, record that you accept it: tick "accept a weak cipher suite" in the server form, or set "weakCipherAccepted": true in the server\'s ipmi settings (JSON) or yes in the weakCipherAccepted column (CSV).',
      ja: 'スイート 17 か 3 を選択してください。BMC がより強いスイートに対応していない場合に限り、承認を記録してください: サーバのフォームで「弱い暗号スイートを承認する」にチェックを入れるか、サーバの ipmi 設定に "weakCipherAccepted": true (JSON)、または weakCipherAccepted 列に yes (CSV) を設定します。',
    },
  },
  INVENTORY_WEAK_CIPHER_ACCEPTED: {
    en: 'Server {server} uses the weak cipher suite {value} ({path}), accepted on purpose: its sessions are not encrypted.',
    ja: 'サーバ {server} は弱い暗号スイート {value} ({path}) を承認済みで使用しています。セッションは暗号化されません。',
    remedy: {
      en: 'Switch to suite 17 or 3 as soon as the BMC offers it (a firmware update often adds them).',
      ja: 'BMC が対応し次第 (ファームウェア更新で追加されることがよくあります)、スイート 17 か 3 に切り替えてください。',
    },
  },
  INVENTORY_NOTES_TOO_LONG: {
    en: 'The notes of "{server}" are {bytes} bytes long; at most {max} are kept.',
    ja: '"{server}" のメモは {bytes} バイトあります。保存できるのは {max} バイトまでです。',
    remedy: { en: 'Shorten the notes.', ja: 'メモを短くしてください。' },
  },
  // ---- PCI slots and fencing advice
  INVENTORY_SLOT_NUMBER_INVALID: {
    en: 'PCI slot number "{value}" ({path}) is not allowed.',
    ja: 'PCI スロット番号 "{value}" ({path}) は使用できません。',
    remedy: { en: 'Use a whole number from 0 to 255.', ja: '0～255 の整数を指定してください。' },
  },
  INVENTORY_SLOT_DUPLICATE: {
    en: 'PCI slot {value} of "{server}" is listed twice ({path}).',
    ja: '"{server}" の PCI スロット {value} が重複しています ({path})。',
    remedy: { en: 'List every slot once.', ja: '各スロットは 1 回だけ登録してください。' },
  },
  INVENTORY_SLOT_PRIORITY_INVALID: {
    en: 'Interconnect priority "{value}" ({path}) is not allowed.',
    ja: 'インタコネクトの優先度 "{value}" ({path}) は使用できません。',
    remedy: {
      en: 'Use a whole number from 1 (highest) to 64, as the cluster software numbers its interconnects.',
      ja: 'クラスタソフトウェアの番号付けと同じく、1 (最優先)～64 の整数を指定してください。',
    },
  },
  INVENTORY_FENCING_ALL_NICS: {
    en: 'Every NIC slot of "{server}" is fenced; the fencing-complete notice could not get out.',
    ja: '"{server}" のすべての NIC スロットが I/O Fencing対象です。I/O Fencing 完了通知を送信できなくなります。',
    remedy: {
      en: 'Leave at least one NIC (an interconnect) unfenced, as the vendor guide advises.',
      ja: 'ベンダーのガイドに従い、少なくとも 1 つの NIC (インタコネクト) を I/O Fencing 対象外にしてください。',
    },
  },
  INVENTORY_FENCING_INTERCONNECT_PRIORITY: {
    en: 'On "{server}" the fenced interconnect in slot {fencedSlot} has a higher priority than the unfenced one in slot {openSlot}.',
    ja: '"{server}" で、I/O Fencing 対象のスロット {fencedSlot} のインタコネクトが、対象外のスロット {openSlot} より高い優先度になっています。',
    remedy: {
      en: 'Give the unfenced interconnect the higher priority (smaller number) so it carries the traffic after fencing.',
      ja: 'I/O Fencing 後も通信できるよう、対象外のインタコネクトの優先度を高く (番号を小さく) してください。',
    },
  },
  INVENTORY_FENCING_SHARED_NOT_FENCED: {
    en: 'Slot {slot} of "{server}" holds a shared resource ({kind}) but is not fenced.',
    ja: '"{server}" のスロット {slot} は共有リソース ({kind}) を持っていますが、I/O Fencing 対象になっていません。',
    remedy: {
      en: 'Fence the slots with HBAs and floating-IP NICs so a fenced server cannot touch shared disks or addresses.',
      ja: 'I/O Fencing されたサーバが共有ディスクやアドレスに触れないよう、HBA とフローティング IP 用 NIC のスロットを I/O Fencing 対象にしてください。',
    },
  },
  INVENTORY_TRAP_RECEIVER_INVALID: {
    en: 'Trap receiver address "{value}" ({path}) is not an IPv4 or IPv6 address.',
    ja: 'トラップ受信アドレス "{value}" ({path}) は IPv4 / IPv6 アドレスではありません。',
    remedy: {
      en: 'Enter the OS-side address that receives the BMC\'s SNMP traps, e.g. 192.0.2.21.',
      ja: 'BMC の SNMP トラップを受信する OS 側のアドレスを入力してください (例: 192.0.2.21)。',
    },
  },
  INVENTORY_INTERFACE_NAME_INVALID: {
    en: 'Interface name "{value}" ({path}) is not an interface name.',
    ja: 'インタフェース名 "{value}" ({path}) はインタフェース名として正しくありません。',
    remedy: {
      en: 'Use the name the OS shows (e.g. eth1, bond0, "Ethernet 2"): letters, digits, spaces and _ . : @ ( ) # -, starting with a letter or digit, at most 64 characters.',
      ja: 'OS が表示する名前 (例: eth1、bond0、"イーサネット 2") を使ってください。英数字、空白、_ . : @ ( ) # - のみ、先頭は英数字、64 文字以内です。',
    },
  },
  INVENTORY_INTERFACE_INVALID: {
    en: 'Interface address "{value}" ({path}) is not in the form <ip>/<prefix>.',
    ja: 'インタフェースのアドレス "{value}" ({path}) が <IP>/<プレフィックス長> の形式ではありません。',
    remedy: { en: 'Enter it like 192.0.2.21/24.', ja: '192.0.2.21/24 のように入力してください。' },
  },
  // ---- reset path
  INVENTORY_RESETPATH_ADDR_INVALID: {
    en: 'Reset path address "{value}" is not valid.',
    ja: 'リセットパスのアドレス "{value}" が正しくありません。',
    remedy: {
      en: 'Give addr=<ip>/<mask> with a dotted mask or a prefix length, e.g. addr=192.0.2.1/255.255.255.0 or addr=192.0.2.1/24.',
      ja: 'addr=<IP>/<マスク> の形式で、マスクはドット表記かプレフィックス長で指定してください (例: addr=192.0.2.1/255.255.255.0、addr=192.0.2.1/24)。',
    },
  },
  INVENTORY_RESETPATH_MASK_INVALID: {
    en: 'Reset path mask "{value}" is not a valid network mask.',
    ja: 'リセットパスのマスク "{value}" はネットワークマスクとして正しくありません。',
    remedy: {
      en: 'Use a contiguous dotted mask such as 255.255.255.0, or a prefix length 1-32 (IPv4) or 1-128 (IPv6).',
      ja: '255.255.255.0 のような連続したドット表記のマスク、または 1～32 (IPv4)・1～128 (IPv6) のプレフィックス長を指定してください。',
    },
  },
  INVENTORY_RESETPATH_PORT_RANGE: {
    en: 'Reset path port "{value}" is out of range.',
    ja: 'リセットパスのポート "{value}" が範囲外です。',
    remedy: {
      en: 'Use a port from 5001 to 65535 (port=<5001-65535>).',
      ja: '5001～65535 のポートを指定してください (port=<5001-65535>)。',
    },
  },
  INVENTORY_RESETPATH_PORT_CONFLICT: {
    en: 'Reset path port {port} of cluster "{cluster}" is also used by the reset path of cluster "{other}" on the same segment.',
    ja: 'クラスタ "{cluster}" のリセットパスのポート {port} は、同じセグメント上のクラスタ "{other}" のリセットパスでも使われています。',
    remedy: {
      en: 'Give each cluster its own reset path port from 5001 to 65535.',
      ja: 'クラスタごとに別の 5001～65535 のポートをリセットパスに割り当ててください。',
    },
  },
  INVENTORY_RESETPATH_SHARED_SEGMENT: {
    en: 'The reset path {segment} shares a network segment with interface "{iface}" ({value}) of "{server}".',
    ja: 'リセットパス {segment} が "{server}" のインタフェース "{iface}" ({value}) と同じネットワークセグメントにあります。',
    remedy: {
      en: 'Put the reset path on its own segment so its traffic cannot take another interface.',
      ja: 'リセットパスの通信が他のインタフェースを通らないよう、専用のセグメントにしてください。',
    },
  },
  INVENTORY_RESETPATH_NOT_SET: {
    en: 'Cluster "{cluster}" has no reset path yet, so only a port cannot be changed.',
    ja: 'クラスタ "{cluster}" にはまだリセットパスがないため、ポートだけを変更することはできません。',
    remedy: {
      en: 'Set both: fieldkit resetpath addr=<ip>/<mask> port=<5001-65535> --server <name>.',
      ja: '両方を指定してください: fieldkit resetpath addr=<IP>/<マスク> port=<5001-65535> --server <サーバ名>',
    },
  },
  INVENTORY_RESETPATH_SERVER_REQUIRED: {
    en: 'addr= of the reset path is one server\'s own address: say which server of cluster "{cluster}" ({servers}).',
    ja: 'リセットパスの addr= はサーバごとのアドレスです。クラスタ "{cluster}" のどのサーバのものか指定してください ({servers})。',
    remedy: {
      en: 'Add --server <name>: haconnsetup resetpath is run on each server with that server\'s NIC address on the reset-path segment.',
      ja: '--server <サーバ名> を付けてください。haconnsetup resetpath は各サーバで、そのサーバ自身のリセットパス側 NIC のアドレスを指定して実行します。',
    },
  },
  INVENTORY_RESETPATH_NO_SERVERS: {
    en: 'Cluster "{cluster}" has no servers yet, and addr= of the reset path is one server\'s own address.',
    ja: 'クラスタ "{cluster}" にはまだサーバがありません。リセットパスの addr= はサーバごとのアドレスです。',
    remedy: {
      en: 'Add the servers first (fieldkit pserver add <name> addr=<bmc ip>), then: fieldkit resetpath addr=<ip>/<mask> port=<5001-65535> --server <name>.',
      ja: '先にサーバを登録し (fieldkit pserver add <サーバ名> addr=<BMC の IP>)、次に fieldkit resetpath addr=<IP>/<マスク> port=<5001-65535> --server <サーバ名> を実行してください。',
    },
  },
  INVENTORY_RESETPATH_CLUSTER_MISSING: {
    en: '"{server}" has a reset-path address, but cluster "{cluster}" has no reset-path mask and port yet.',
    ja: '"{server}" にはリセットパスのアドレスがありますが、クラスタ "{cluster}" にはリセットパスのマスクとポートがまだありません。',
    remedy: {
      en: 'Set the mask and the port once for the cluster: fieldkit resetpath addr=<ip>/<mask> port=<5001-65535> --server <name>, or in the cluster dialog.',
      ja: 'クラスタのマスクとポートを設定してください: fieldkit resetpath addr=<IP>/<マスク> port=<5001-65535> --server <サーバ名>、またはクラスタの画面で設定します。',
    },
  },
  INVENTORY_RESETPATH_UNASSIGNED: {
    en: 'Cluster "{cluster}": the reset-path address {value} of an older inventory belongs to no recorded server (each server now has its own).',
    ja: 'クラスタ "{cluster}": 以前のインベントリのリセットパスのアドレス {value} が、どのサーバのものか分かりません (現在はサーバごとに持ちます)。',
    remedy: {
      en: 'Record each server\'s own reset-path address (fieldkit resetpath addr=<ip>/<mask> --server <name>, or the server dialog); the old value is dropped once every server has one.',
      ja: '各サーバ自身のリセットパスのアドレスを登録してください (fieldkit resetpath addr=<IP>/<マスク> --server <サーバ名>、またはサーバの画面)。すべてのサーバに登録すると古い値は消えます。',
    },
  },
  INVENTORY_RESETPATH_ADDR_DUPLICATE: {
    en: 'Reset-path address {value} of "{server}" is also the reset-path address of "{other}".',
    ja: '"{server}" のリセットパスのアドレス {value} は "{other}" と同じです。',
    remedy: {
      en: 'Give each server the address of its own NIC on the reset-path segment.',
      ja: '各サーバには、そのサーバ自身のリセットパス側 NIC のアドレスを指定してください。',
    },
  },
  INVENTORY_RESETPATH_ADDR_OTHER_SEGMENT: {
    en: 'Reset-path address {value} of "{server}" is not on the segment of the other servers ({segment}).',
    ja: '"{server}" のリセットパスのアドレス {value} は、他のサーバのセグメント ({segment}) にありません。',
    remedy: {
      en: 'Every server\'s reset-path NIC and every BMC sit on one segment: correct the address, or the mask.',
      ja: 'すべてのサーバのリセットパス側 NIC とすべての BMC は 1 つのセグメントに置きます。アドレスかマスクを見直してください。',
    },
  },
  INVENTORY_RESETPATH_BMC_OUTSIDE: {
    en: 'The {bmc} BMC of "{server}" ({value}) is outside the reset-path segment {segment}.',
    ja: '"{server}" の BMC ({bmc}、{value}) がリセットパスのセグメント {segment} の外にあります。',
    remedy: {
      en: 'HA Monitor Connector reaches the BMCs only on the reset-path segment; a BMC outside it is the usual reason a server never shows "(own server)". Move the BMC (or the reset path) onto one segment.',
      ja: 'HA Monitor Connector はリセットパスのセグメント上の BMC にしか到達しません。BMC がその外にあることは、自サーバが "(own server)" と表示されない典型的な原因です。BMC (またはリセットパス) を同じセグメントにしてください。',
    },
  },
  INVENTORY_SERVER_MODEL_INVALID: {
    en: 'Server model "{value}" is not one FieldKit knows.',
    ja: 'サーバのモデル "{value}" は FieldKit の選択肢にありません。',
    remedy: {
      en: 'Use one of: {models}.',
      ja: '次のいずれかを指定してください: {models}',
    },
  },
  // ---- trap settings
  INVENTORY_TRAP_KEYWORD_EMPTY: {
    en: 'The keyword of trap monitor {path} is empty.',
    ja: 'トラップ監視 {path} のキーワードが空です。',
    remedy: {
      en: 'Enter the servers\' OS-side addresses that receive the BMC\'s traps (not the BMC addresses) as <IP>;<IP>;...;<IP>[:<port>].',
      ja: 'BMC のトラップを受信するサーバの OS 側アドレス (BMC のアドレスではありません) を <IP>;<IP>;...;<IP>[:<ポート>] の形式で入力してください。',
    },
  },
  INVENTORY_TRAP_KEYWORD_ADDRESS_INVALID: {
    en: 'Keyword entry "{value}" ({path}) is not an IP address.',
    ja: 'キーワードの要素 "{value}" ({path}) は IP アドレスではありません。',
    remedy: {
      en: 'Write the keyword as <IP>;<IP>;...;<IP>[:<port>] with no spaces; only the last address may carry :<port>.',
      ja: 'キーワードは空白を入れずに <IP>;<IP>;...;<IP>[:<ポート>] と書いてください。:<ポート> を付けられるのは最後のアドレスだけです。',
    },
  },
  INVENTORY_TRAP_KEYWORD_TOO_MANY: {
    en: 'The keyword {path} lists {count} addresses; at most {max} are allowed.',
    ja: 'キーワード {path} には {count} 個のアドレスがあります。最大 {max} 個までです。',
    remedy: {
      en: 'Split the addresses over several monitors of category BMCNOTICE, each with at most 32.',
      ja: 'カテゴリ BMCNOTICE の監視を複数に分け、それぞれ 32 個以内にしてください。',
    },
  },
  INVENTORY_TRAP_KEYWORD_TOO_LONG: {
    en: 'The keyword {path} is {bytes} bytes long; at most {max} are allowed.',
    ja: 'キーワード {path} は {bytes} バイトあります。最大 {max} バイトまでです。',
    remedy: {
      en: 'Shorten it (at most 1023 bytes) by splitting the addresses over several monitors.',
      ja: 'アドレスを複数の監視に分け、1023 バイト以内にしてください。',
    },
  },
  INVENTORY_TRAP_KEYWORD_PORT_INVALID: {
    en: 'Keyword port "{value}" ({path}) is out of range.',
    ja: 'キーワードのポート "{value}" ({path}) が範囲外です。',
    remedy: {
      en: 'Use a port from 1 to 65535, or leave :<port> off for the default 162.',
      ja: '1～65535 のポートを指定するか、:<ポート> を省略して既定の 162 を使用してください。',
    },
  },
  INVENTORY_TRAP_PORT_MISMATCH: {
    en: 'The trap monitors of cluster "{cluster}" use different ports ({ports}).',
    ja: 'クラスタ "{cluster}" のトラップ監視が異なるポート ({ports}) を使用しています。',
    remedy: {
      en: 'Use the same port in every monitor\'s keyword (default 162): one receiver listens for all of them.',
      ja: '受信側は 1 つなので、すべての監視のキーワードで同じポート (既定 162) を使用してください。',
    },
  },
  INVENTORY_TRAP_CATEGORY_EMPTY: {
    en: 'The category of trap monitor {path} is empty.',
    ja: 'トラップ監視 {path} のカテゴリが空です。',
    remedy: { en: 'Enter BMCNOTICE for BMC notices.', ja: 'BMC 通知には BMCNOTICE を入力してください。' },
  },
  INVENTORY_TRAP_CATEGORY_TOO_LONG: {
    en: 'Category "{value}" ({path}) is {bytes} bytes long; at most {max} are allowed.',
    ja: 'カテゴリ "{value}" ({path}) は {bytes} バイトあります。最大 {max} バイトまでです。',
    remedy: { en: 'Shorten the category to 32 bytes or fewer.', ja: 'カテゴリを 32 バイト以内にしてください。' },
  },
  INVENTORY_TRAP_CATEGORY_UNKNOWN: {
    en: 'Category "{value}" ({path}) is not one of the server management categories ({known}).',
    ja: 'カテゴリ "{value}" ({path}) はサーバ管理のカテゴリ ({known}) のいずれでもありません。',
    remedy: {
      en: 'Use BMCNOTICE for BMC notices, or NIC, FC, HA/SS, HA/AM, HA/RS, SPS as the cluster software defines them.',
      ja: 'BMC 通知には BMCNOTICE を、それ以外はクラスタソフトウェアが定める NIC、FC、HA/SS、HA/AM、HA/RS、SPS を使用してください。',
    },
  },
  INVENTORY_TRAP_KEYWORD_HAS_BMC: {
    en: 'Keyword {path} lists {value}, the BMC address of "{server}"; a BMCNOTICE keyword lists the servers\' OS-side addresses that receive the BMC\'s traps, not the BMCs.',
    ja: 'キーワード {path} に "{server}" の BMC アドレス {value} が指定されています。BMCNOTICE のキーワードには BMC ではなく、BMC のトラップを受信するサーバの OS 側の IP アドレスを指定します。',
    remedy: {
      en: 'Replace it with the OS-side address of that server on the network it shares with its BMC (the BMC\'s SNMP trap destination), e.g. 192.168.0.1;192.168.0.2 for servers whose BMCs are 192.168.0.11 and 192.168.0.12.',
      ja: 'そのサーバが BMC と通信するネットワーク上の OS 側アドレス (BMC の SNMP トラップ送信先) に置き換えてください。例: BMC が 192.168.0.11 と 192.168.0.12 のサーバなら 192.168.0.1;192.168.0.2。',
    },
  },
  INVENTORY_TRAP_KEYWORD_ADDRESS_UNKNOWN: {
    en: 'Keyword {path} lists {value}, which is not an OS-side address of any server of cluster "{cluster}".',
    ja: 'キーワード {path} の {value} は、クラスタ "{cluster}" のどのサーバの OS 側アドレスでもありません。',
    remedy: {
      en: 'Check the address; if it is a server\'s, record it as that server\'s trap receiver or interface so FieldKit can match it.',
      ja: 'アドレスを確認してください。サーバのアドレスであれば、照合できるようそのサーバのトラップ受信アドレスまたはインタフェースとして登録してください。',
    },
  },
  INVENTORY_TRAP_SERVER_NOT_LISTED: {
    en: 'No BMCNOTICE keyword of cluster "{cluster}" lists an OS-side address of "{server}" ({value}); that server would not receive its BMC\'s notices.',
    ja: 'クラスタ "{cluster}" の BMCNOTICE キーワードに "{server}" の OS 側アドレス ({value}) がありません。このサーバは BMC からの通知を受信できません。',
    remedy: {
      en: 'Add the address of "{server}" that its BMC sends traps to (its OS-side address on the network shared with the BMC) to the keyword.',
      ja: '"{server}" の BMC がトラップを送る先のアドレス (BMC と通信できる OS 側のアドレス) をキーワードに追加してください。',
    },
  },
  INVENTORY_TRAP_DEVICE_KEYWORD_INVALID: {
    en: 'Keyword "{value}" ({path}) is not a device name.',
    ja: 'キーワード "{value}" ({path}) はデバイス名ではありません。',
    remedy: {
      en: 'For NIC, FC, HA/SS, HA/AM, HA/RS and SPS give one device name without spaces (e.g. eth1), or leave the keyword empty to watch every device of the category.',
      ja: 'NIC、FC、HA/SS、HA/AM、HA/RS、SPS では空白を含まないデバイス名 (例: eth1) を 1 つ指定するか、カテゴリのすべてのデバイスを監視する場合はキーワードを空にしてください。',
    },
  },
  INVENTORY_TRAP_SERVER_KEYWORD_ONE_ADDRESS: {
    en: 'The per-server keyword "{value}" ({path}) must hold exactly one address.',
    ja: 'サーバ別のキーワード "{value}" ({path}) にはアドレスを 1 つだけ指定してください。',
    remedy: {
      en: 'Write it as <IP>[:<port>]: the OS-side address of that server that receives its BMC\'s traps (Express5800/A1080a, A1040a).',
      ja: '<IP>[:<ポート>] の形式で、そのサーバの BMC のトラップを受信する OS 側のアドレスを指定してください (Express5800/A1080a, A1040a)。',
    },
  },
  INVENTORY_TRAP_SERVER_KEYWORD_UNKNOWN_SERVER: {
    en: 'A per-server keyword ({path}) names server "{server}", which is not in cluster "{cluster}".',
    ja: 'サーバ別のキーワード ({path}) のサーバ "{server}" はクラスタ "{cluster}" にありません。',
    remedy: { en: 'Correct the server name or remove the entry.', ja: 'サーバ名を修正するか、その設定を削除してください。' },
  },
  INVENTORY_TRAP_SERVER_KEYWORD_DUPLICATE: {
    en: 'Server "{server}" has two per-server keywords in one monitor ({path}).',
    ja: 'サーバ "{server}" のサーバ別キーワードが 1 つの監視に 2 つあります ({path})。',
    remedy: { en: 'Keep one keyword per server.', ja: 'サーバごとにキーワードは 1 つにしてください。' },
  },
  INVENTORY_TRAP_SERVER_KEYWORD_MISSING: {
    en: 'The BMCNOTICE monitor {path} has per-server keywords but none for "{server}" of cluster "{cluster}".',
    ja: 'BMCNOTICE の監視 {path} にはサーバ別のキーワードがありますが、クラスタ "{cluster}" の "{server}" の分がありません。',
    remedy: {
      en: 'Express5800/A1080a and A1040a need a per-server keyword for every server: add one for "{server}" with its OS-side address.',
      ja: 'Express5800/A1080a と A1040a ではすべてのサーバにサーバ別のキーワードが必要です。"{server}" の OS 側アドレスで追加してください。',
    },
  },
  INVENTORY_TRAP_SERVER_KEYWORD_NOT_OWN: {
    en: 'The per-server keyword of "{server}" ({path}) is {value}, which is not one of that server\'s OS-side addresses.',
    ja: '"{server}" のサーバ別キーワード ({path}) の {value} は、そのサーバの OS 側アドレスではありません。',
    remedy: {
      en: 'Each server\'s keyword holds that server\'s own OS-side address that receives its BMC\'s traps.',
      ja: '各サーバのキーワードには、そのサーバ自身の BMC のトラップを受信する OS 側アドレスを指定してください。',
    },
  },
  // ---- storage, import, export
  INVENTORY_FILE_CORRUPT: {
    en: 'The inventory file {path} could not be read ({detail}); it was moved aside to {aside}.',
    ja: 'インベントリファイル {path} を読み込めませんでした ({detail})。{aside} に退避しました。',
    remedy: {
      en: 'Nothing was overwritten. Restore the last good version with "fieldkit config import {previous}" if it exists, or import your export.',
      ja: '上書きはしていません。"fieldkit config import {previous}" で直前の正常な版を復元する (存在する場合) か、エクスポートしたファイルをインポートしてください。',
    },
  },
  INVENTORY_SCHEMA_UNKNOWN: {
    en: 'The inventory in {path} has schema version {version}, which this FieldKit does not know (it knows 1 to {current}).',
    ja: '{path} のインベントリのスキーマバージョン {version} はこの FieldKit では扱えません (対応: 1～{current})。',
    remedy: {
      en: 'Update FieldKit to the version that wrote the file, or export it from there in this version\'s format.',
      ja: 'ファイルを書いたバージョンの FieldKit に更新するか、そちらで本バージョン形式のエクスポートを作成してください。',
    },
  },
  INVENTORY_IMPORT_BAD_JSON: {
    en: 'The import file {path} is not valid JSON: {detail}',
    ja: 'インポートファイル {path} は正しい JSON ではありません: {detail}',
    remedy: {
      en: 'Import a file written by "fieldkit config export", or a CSV of servers.',
      ja: '"fieldkit config export" で作成したファイル、またはサーバ一覧の CSV をインポートしてください。',
    },
  },
  INVENTORY_IMPORT_BAD_TYPE: {
    en: 'Field {path} of the import has the wrong form: {detail}',
    ja: 'インポートの項目 {path} の形式が正しくありません: {detail}',
    remedy: {
      en: 'Correct the field; compare with a file written by "fieldkit config export".',
      ja: '"fieldkit config export" で作成したファイルと比べて項目を修正してください。',
    },
  },
  INVENTORY_IMPORT_REJECTED: {
    en: 'The import was rejected with {count} error(s); nothing was changed. First: {first}',
    ja: 'インポートは {count} 件のエラーで拒否されました。何も変更していません。最初のエラー: {first}',
    remedy: {
      en: 'Correct every listed error in the file and import it again (check first with --dry-run).',
      ja: '表示されたすべてのエラーをファイル上で修正し、再度インポートしてください (事前に --dry-run で確認できます)。',
    },
  },
  INVENTORY_IMPORT_TOO_LARGE: {
    en: 'The import file {path} is larger than {max} bytes.',
    ja: 'インポートファイル {path} が {max} バイトを超えています。',
    remedy: { en: 'Check that this is the right file.', ja: '正しいファイルか確認してください。' },
  },
  INVENTORY_CSV_BAD_HEADER: {
    en: 'The CSV header lacks the column(s) {missing}.',
    ja: 'CSV のヘッダーに列 {missing} がありません。',
    remedy: {
      en: 'Start the file with the header line: cluster,name,bmc,bmc2,account,slots,notes (cluster, bmc2, slots and notes may be left out).',
      ja: '1 行目を cluster,name,bmc,bmc2,account,slots,notes のヘッダーにしてください (cluster・bmc2・slots・notes は省略可)。',
    },
  },
  INVENTORY_CSV_BAD_ROW: {
    en: 'CSV line {line}: {detail}',
    ja: 'CSV の {line} 行目: {detail}',
    remedy: {
      en: 'Correct that line; values with commas or quotes must be enclosed in double quotes.',
      ja: 'その行を修正してください。カンマや引用符を含む値はダブルクォートで囲んでください。',
    },
  },
  INVENTORY_CSV_BAD_SLOT: {
    en: 'CSV line {line}: slot "{value}" is not in the form <number>:<kind>[:fenced][:prio=<n>].',
    ja: 'CSV の {line} 行目: スロット "{value}" が <番号>:<種別>[:fenced][:prio=<n>] の形式ではありません。',
    remedy: {
      en: 'Write slots like 1:HBA:fenced;2:NIC_INTERCONNECT:prio=1 with kinds HBA, NIC_FLOATING, NIC_INTERCONNECT or OTHER.',
      ja: '1:HBA:fenced;2:NIC_INTERCONNECT:prio=1 のように書き、種別は HBA、NIC_FLOATING、NIC_INTERCONNECT、OTHER のいずれかにしてください。',
    },
  },
  INVENTORY_IMPORT_FORMAT_UNKNOWN: {
    en: 'Cannot tell the format of {path}.',
    ja: '{path} の形式を判別できません。',
    remedy: {
      en: 'Name the file *.json (FieldKit export) or *.csv (server list).',
      ja: 'ファイル名を *.json (FieldKit のエクスポート) または *.csv (サーバ一覧) にしてください。',
    },
  },
  INVENTORY_BUSY: {
    en: 'The inventory is being changed by another FieldKit process (pid {pid}).',
    ja: '別の FieldKit プロセス (pid {pid}) がインベントリを変更中です。',
    remedy: {
      en: 'Wait a moment and try again; if no other FieldKit runs, delete {path}.',
      ja: 'しばらく待ってから再度実行してください。他に FieldKit が動いていない場合は {path} を削除してください。',
    },
  },
  // ---- editing
  INVENTORY_CLUSTER_NOT_FOUND: {
    en: 'There is no cluster named "{cluster}".',
    ja: 'クラスタ "{cluster}" はありません。',
    remedy: {
      en: 'Check the name with "fieldkit show setting" ({clusters}).',
      ja: '"fieldkit show setting" で名前を確認してください ({clusters})。',
    },
  },
  INVENTORY_CLUSTER_AMBIGUOUS: {
    en: 'More than one cluster exists ({clusters}); the target is ambiguous.',
    ja: '複数のクラスタ ({clusters}) があるため、対象を特定できません。',
    remedy: { en: 'Name the cluster with --cluster NAME.', ja: '--cluster NAME でクラスタを指定してください。' },
  },
  INVENTORY_SERVER_NOT_FOUND: {
    en: 'There is no server "{server}" in cluster "{cluster}".',
    ja: 'クラスタ "{cluster}" にサーバ "{server}" はありません。',
    remedy: {
      en: 'Check the name with "fieldkit show setting".',
      ja: '"fieldkit show setting" で名前を確認してください。',
    },
  },
  INVENTORY_SERVER_EXISTS: {
    en: 'Server "{server}" already exists in cluster "{cluster}".',
    ja: 'サーバ "{server}" はクラスタ "{cluster}" に既に存在します。',
    remedy: {
      en: 'Use "fieldkit pserver mod {server} ..." to change it, or choose another name.',
      ja: '変更するには "fieldkit pserver mod {server} ..." を使うか、別の名前にしてください。',
    },
    remedyWindow: {
      en: 'Edit the existing server {server} instead, or choose another name.',
      ja: '既存のサーバ {server} を編集するか、別の名前を選んでください。',
    },
  },
  INVENTORY_CHANGE_REJECTED: {
    en: 'The change was refused with {count} error(s); nothing was saved. First: {first}',
    ja: '変更は {count} 件のエラーで拒否されました。何も保存していません。最初のエラー: {first}',
    remedy: { en: 'Correct the values and try again.', ja: '値を修正して再度実行してください。' },
  },
  INVENTORY_NOTHING_TO_CHANGE: {
    en: 'Nothing to change: give at least one of {keys}.',
    ja: '変更する内容がありません。{keys} の少なくとも 1 つを指定してください。',
    remedy: { en: 'See --help for the keys.', ja: '指定できるキーは --help を参照してください。' },
  },
  INVENTORY_KEY_UNKNOWN: {
    en: 'Unknown setting "{key}"; the keys are {keys}.',
    ja: '不明な設定 "{key}" です。指定できるキーは {keys} です。',
    remedy: { en: 'Write settings as key=value, e.g. addr=192.0.2.10.', ja: 'key=value の形式で指定してください (例: addr=192.0.2.10)。' },
  },
} as const satisfies MessageTable;

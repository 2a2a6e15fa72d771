import type { ConfirmAction } from '../../../shared/contract/confirm';

export interface SummaryFacts {
  action: ConfirmAction;
  server: string;
  /** The server's BMC addresses as shown ("127.0.0.1:623"), primary first. */
  bmcs: string[];
  sensor?: string;
  raw?: string;
  caseId?: string;
  clearSel?: boolean;
}

type Texts = { en: string; ja: string };

/** What will happen, in words, in both languages (for the confirmation dialog). */
export function confirmationSummary(f: SummaryFacts): Texts {
  const s = f.server;
  const bmcEn = f.bmcs.length ? ` through its BMC (${f.bmcs.join(', ')})` : '';
  const bmcJa = f.bmcs.length ? `BMC (${f.bmcs.join(', ')}) 経由で` : '';
  const noOsEn = ' The operating system is not shut down first.';
  const noOsJa = 'OS のシャットダウンは行われません。';
  const caseEn = f.caseId ? ` (recovery case ${f.caseId})` : '';
  const caseJa = f.caseId ? `(復旧ケース ${f.caseId})` : '';
  switch (f.action) {
    case 'power.on':
      return { en: `Power on server "${s}"${bmcEn}.`, ja: `サーバ "${s}" の電源を${bmcJa}オンにします。` };
    case 'power.off':
      return { en: `Power off server "${s}" at once${bmcEn}.${noOsEn}`, ja: `サーバ "${s}" の電源を${bmcJa}直ちにオフにします。${noOsJa}` };
    case 'power.cycle':
      return { en: `Power cycle server "${s}" (off, then on again)${bmcEn}.${noOsEn}`, ja: `サーバ "${s}" の電源を${bmcJa}オフにしてから再びオンにします (パワーサイクル)。${noOsJa}` };
    case 'power.reset':
      return { en: `Hard reset server "${s}"${bmcEn}.${noOsEn}`, ja: `サーバ "${s}" を${bmcJa}ハードリセットします。${noOsJa}` };
    case 'power.soft':
      return { en: `Ask the operating system of server "${s}" to shut down (ACPI soft off)${bmcEn}.`, ja: `${bmcJa}サーバ "${s}" の OS にシャットダウン (ACPI ソフトオフ) を要求します。` };
    case 'sel.clear':
      return { en: `Clear the System Event Log (SEL) of server "${s}"${bmcEn}. The entries cannot be recovered.`, ja: `サーバ "${s}" のシステムイベントログ (SEL) を${bmcJa}消去します。消去したエントリは元に戻せません。` };
    case 'sensor.rearm':
      return { en: `Re-arm the events of sensor "${f.sensor ?? ''}" of server "${s}"${bmcEn}.`, ja: `サーバ "${s}" のセンサー "${f.sensor ?? ''}" のイベントを${bmcJa}再アームします。` };
    case 'raw':
      return {
        en: `Send the raw IPMI command "${f.raw ?? ''}" to server "${s}"${bmcEn}. FieldKit cannot tell what it changes.`,
        ja: `サーバ "${s}" に${bmcJa} raw IPMI コマンド "${f.raw ?? ''}" を送信します。このコマンドが何を変更するかは FieldKit には判断できません。`,
      };
    case 'recovery.clearFaults':
      return f.clearSel
        ? { en: `Clear the fault status of the PCI slots of server "${s}" and clear its System Event Log (SEL)${bmcEn}${caseEn}.`, ja: `${caseJa}サーバ "${s}" の PCI スロットの障害状態とシステムイベントログ (SEL) を${bmcJa}クリアします。` }
        : { en: `Clear the fault status of the PCI slots of server "${s}"${bmcEn}${caseEn}.`, ja: `${caseJa}サーバ "${s}" の PCI スロットの障害状態を${bmcJa}クリアします。` };
    case 'recovery.powerOff':
      return { en: `Power off server "${s}"${bmcEn} and wait until it is off${caseEn}.${noOsEn}`, ja: `${caseJa}サーバ "${s}" の電源を${bmcJa}オフにし、オフになるまで待ちます。${noOsJa}` };
    case 'recovery.powerOn':
      return { en: `Power on server "${s}"${bmcEn} and wait until it is on${caseEn}.`, ja: `${caseJa}サーバ "${s}" の電源を${bmcJa}オンにし、オンになるまで待ちます。` };
    case 'sol.takeover':
      return {
        en: `Take over the Serial over LAN console of server "${s}"${bmcEn}. The other user's console ends at once; what they were typing is lost.`,
        ja: `サーバ "${s}" のシリアルオーバー LAN (SOL) コンソールを${bmcJa}引き継ぎます。他のユーザのコンソールは直ちに終了し、入力中の内容は失われます。`,
      };
  }
}

import type { Lang } from '../../shared/messages';

/**
 * The CLI's own questions, in English and Japanese like every message. A
 * change's question is the confirmation summary the main process issues
 * (confirm.prepare), so the terminal and the window ask the same thing;
 * the texts here are the ones around it.
 */
export const CLI_TEXTS = {
  password: { en: (account: string) => `Password for ${account}: `, ja: (account: string) => `${account} のパスワード: ` },
  passwordMany: { en: (user: string, n: number) => `Password for ${user} on ${n} BMCs: `, ja: (user: string, n: number) => `${n} 台の BMC の ${user} のパスワード: ` },
  kg: { en: () => 'BMC key (Kg): ', ja: () => 'BMC キー (Kg): ' },
  kgFor: { en: (server: string) => `BMC key (Kg) for ${server}: `, ja: (server: string) => `${server} の BMC キー (Kg): ` },
  waiting: {
    en: (server: string, s: number, limit: number, answering: boolean) => `waiting for ${server}'s BMC: ${s} s / ${limit} s${answering ? ' (answers ping, IPMI not ready yet)' : ''}`,
    ja: (server: string, s: number, limit: number, answering: boolean) => `${server} の BMC の応答を待っています: ${s} 秒 / ${limit} 秒${answering ? ' (ping に応答、IPMI はまだ準備中)' : ''}`,
  },
  snmpV3Key: {
    en: (user: string, kind: 'auth' | 'priv') => `SNMPv3 ${kind === 'auth' ? 'authentication' : 'privacy'} key for ${user}: `,
    ja: (user: string, kind: 'auth' | 'priv') => `${user} の SNMPv3 ${kind === 'auth' ? '認証' : '暗号化'}鍵: `,
  },
  // Recovery (fieldkit recover): the checklist, the typed name, each step's question.
  checklistHeading: { en: () => 'Before anything changes on the server, confirm:', ja: () => 'サーバに変更を加える前に確認してください:' },
  checklistFailover: { en: () => '  The failover group runs on another server?', ja: () => '  フェイルオーバグループは他のサーバで動作していますか?' },
  checklistIsolated: { en: () => '  The server is isolated from the cluster?', ja: () => '  サーバはクラスタから切り離されていますか?' },
  checklistWindow: { en: () => '  The maintenance window is agreed?', ja: () => '  保守時間帯は合意済みですか?' },
  typeNameToPowerOff: { en: (server: string) => `Type the server's name (${server}) to power it OFF:`, ja: (server: string) => `電源を OFF にするにはサーバ名 (${server}) を入力してください:` },
  powerOnServer: { en: (server: string) => `Power ${server} ON?`, ja: (server: string) => `${server} の電源を ON にしますか?` },
  vendorClear: {
    en: (cycle: number, server: string, profile: string, extra: string) => `Cycle ${cycle}: Clear All Faults on ${server} with vendor profile ${profile}, ${extra}?`,
    ja: (cycle: number, server: string, profile: string, extra: string) => `サイクル ${cycle}: ベンダープロファイル ${profile} で ${server} の Clear All Faults を実行し、${extra}。よろしいですか?`,
  },
  pressedClear: { en: (button: string, server: string) => `Have you pressed ${button} for ${server}?`, ja: (button: string, server: string) => `${server} の ${button} を押しましたか?` },
  rearmExtra: {
    en: (slots: string, clearSel: boolean) => `then IPMI re-arm of ${slots} (an extra step, not Clear All Faults)${clearSel ? ', clear the SEL' : ''}`,
    ja: (slots: string, clearSel: boolean) => `続けて ${slots} の IPMI 再アーム (Clear All Faults とは別の追加手順)${clearSel ? '、SEL のクリア' : ''}`,
  },
  rearmOn: {
    en: (extra: string, server: string) => `${extra[0].toUpperCase()}${extra.slice(1)} on ${server}?`,
    ja: (extra: string, server: string) => `${server} で${extra}を行いますか?`,
  },
  cycleAgain: {
    en: (server: string) => `A fault remains on ${server}. Run the whole cycle again (Clear All Faults, power off, power on; each confirmed)?`,
    ja: (server: string) => `${server} に障害が残っています。サイクル全体 (Clear All Faults、電源 OFF、電源 ON。各手順で確認) をもう一度実行しますか?`,
  },
  // sol activate / deactivate (Serial over LAN console).
  solOpen: {
    en: (target: string, suite: string) => `[Serial over LAN console of ${target} open (${suite}). Type ~. to leave, ~B for a break, ~? for help]`,
    ja: (target: string, suite: string) => `[${target} のシリアルオーバー LAN (SOL) コンソールを開きました (${suite})。~. で終了、~B でブレーク、~? でヘルプ]`,
  },
  solHelp: {
    en: () => 'Escape sequences (at the start of a line):\r\n  ~.  leave: deactivate the console and close the session\r\n  ~B  send a serial break to the server\r\n  ~?  this help\r\n  ~~  send one ~\r\nCtrl-C is sent to the server.',
    ja: () => 'エスケープシーケンス (行頭で入力):\r\n  ~.  終了: コンソールを無効化してセッションを閉じます\r\n  ~B  サーバにシリアルブレークを送信します\r\n  ~?  このヘルプ\r\n  ~~  ~ を 1 文字送信します\r\nCtrl-C はサーバに送信されます。',
  },
  solClosed: { en: (target: string) => `[Serial over LAN console of ${target} closed]`, ja: (target: string) => `[${target} のシリアルオーバー LAN (SOL) コンソールを閉じました]` },
  solBreakSent: { en: () => '[break sent]', ja: () => '[ブレークを送信しました]' },
  solDeactivate: {
    en: (target: string) => `End the Serial over LAN console of ${target}, whoever has it open? Their console ends at once.`,
    ja: (target: string) => `${target} のシリアルオーバー LAN (SOL) コンソールを、誰が開いていても終了しますか? 相手のコンソールは直ちに終了します。`,
  },
  // exec FILE with changes in it.
  execChanges: {
    en: (file: string, lines: string) => `${file} changes the server (${lines}). Go on?`,
    ja: (file: string, lines: string) => `${file} はサーバを変更します (${lines})。続行しますか?`,
  },
} as const;

/** A localised CLI text by key (the questions of recover, exec and the other commands). */
export function cliText<K extends keyof typeof CLI_TEXTS>(lang: Lang, key: K, ...args: Parameters<(typeof CLI_TEXTS)[K]['en']>): string {
  return (CLI_TEXTS[key][lang] as (...a: unknown[]) => string)(...args);
}

export function passwordPrompt(lang: Lang, account: string): string {
  return CLI_TEXTS.password[lang](account);
}

export function passwordManyPrompt(lang: Lang, user: string, n: number): string {
  return CLI_TEXTS.passwordMany[lang](user, n);
}

export function kgPrompt(lang: Lang): string {
  return CLI_TEXTS.kg[lang]();
}

export function kgForPrompt(lang: Lang, server: string): string {
  return CLI_TEXTS.kgFor[lang](server);
}

export function snmpV3KeyPrompt(lang: Lang, user: string, kind: 'auth' | 'priv'): string {
  return CLI_TEXTS.snmpV3Key[lang](user, kind);
}

/** Progress of a post-flight wait (stderr). */
export function waitingLine(lang: Lang, server: string, elapsedS: number, limitS: number, answering: boolean): string {
  return CLI_TEXTS.waiting[lang](server, elapsedS, limitS, answering);
}

/**
 * One entry of the message catalogue. Texts may hold `{name}` placeholders
 * filled from the error's params; params never carry secrets.
 */
export interface MessageDef {
  en: string;
  ja: string;
  /** What the engineer should do about it. */
  remedy: { en: string; ja: string };
}

export type MessageTable = Record<string, MessageDef>;

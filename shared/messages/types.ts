/**
 * One entry of the message catalogue. Texts may hold `{name}` placeholders
 * filled from the error's params; params never carry secrets.
 */
export interface MessageDef {
  en: string;
  ja: string;
  /** What the engineer should do about it (on the command line, or wherever no window remedy is given). */
  remedy: { en: string; ja: string };
  /**
   * The same advice as the window gives it: buttons and pages, never a CLI
   * command, for messages whose remedy names one and that the window shows.
   */
  remedyWindow?: { en: string; ja: string };
}

export type MessageTable = Record<string, MessageDef>;

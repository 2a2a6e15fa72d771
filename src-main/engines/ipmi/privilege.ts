/** IPMI privilege levels as FieldKit names them and their wire codes. */
export type Privilege = 'callback' | 'user' | 'operator' | 'admin' | 'oem';

export const PRIVILEGE_CODE: Record<Privilege, number> = { callback: 1, user: 2, operator: 3, admin: 4, oem: 5 };

export function privilegeName(code: number): Privilege | undefined {
  return (Object.keys(PRIVILEGE_CODE) as Privilege[]).find((p) => PRIVILEGE_CODE[p] === (code & 0x0f));
}

/** Fallback chain when a level is refused: admin -> operator -> user. */
export function lowerPrivileges(p: Privilege): Privilege[] {
  const chain: Privilege[] = ['admin', 'operator', 'user'];
  const i = chain.indexOf(p);
  return i < 0 ? [p] : chain.slice(i);
}

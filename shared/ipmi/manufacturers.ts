/**
 * IANA Private Enterprise Numbers of BMC and server makers FieldKit meets,
 * as they appear in Get Device ID's manufacturer id and in PET traps.
 * `name` is the IANA registry's wording (what FreeIPMI's bmc-info prints),
 * `short` the brand an engineer knows. Only numbers checked against the
 * registry are listed.
 */
export interface Manufacturer {
  name: string;
  short: string;
}

export const MANUFACTURERS: Readonly<Record<number, Manufacturer>> = {
  2: { name: 'IBM', short: 'IBM' },
  11: { name: 'Hewlett-Packard', short: 'HP' },
  116: { name: 'Hitachi, Ltd.', short: 'Hitachi' },
  119: { name: 'NEC Corporation', short: 'NEC' },
  231: { name: 'Fujitsu Technology Solutions GmbH', short: 'Fujitsu' },
  343: { name: 'Intel Corporation', short: 'Intel' },
  674: { name: 'Dell Inc.', short: 'Dell' },
  2011: { name: 'HUAWEI Technology Co.,Ltd', short: 'Huawei' },
  4128: { name: 'ARM Ltd.', short: 'ARM' },
  7244: { name: 'Quanta Computer Inc.', short: 'Quanta' },
  10368: { name: 'Fujitsu Technology Solutions GmbH', short: 'Fujitsu' },
  10876: { name: 'Super Micro Computer Inc.', short: 'Supermicro' },
  19046: { name: 'Lenovo Enterprise Business Group', short: 'Lenovo' },
  20974: { name: 'American Megatrends, Inc', short: 'AMI' },
};

export function manufacturer(iana: number): Manufacturer | undefined {
  return MANUFACTURERS[iana];
}

/** The short brand name, or undefined for numbers we do not list. */
export function manufacturerName(iana: number): string | undefined {
  return MANUFACTURERS[iana]?.short;
}

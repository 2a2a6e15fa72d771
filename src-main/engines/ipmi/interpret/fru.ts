import { FieldKitError } from '../../../../shared/errors';
import { decodeTypeLengthString } from './id-string';

/**
 * FRU information decode (Platform Management FRU Information Storage
 * Definition v1.0): common header, chassis, board and product areas.
 * Custom fields are kept; a bad area checksum is reported, not fatal.
 */
export interface FruChassis {
  type: number;
  typeName: string;
  partNumber: string;
  serialNumber: string;
  custom: string[];
}

export interface FruBoard {
  /** ISO time of manufacture (minutes since 1996-01-01 UTC), when given. */
  mfgDate?: string;
  manufacturer: string;
  productName: string;
  serialNumber: string;
  partNumber: string;
  fruFileId: string;
  custom: string[];
}

export interface FruProduct {
  manufacturer: string;
  name: string;
  partNumber: string;
  version: string;
  serialNumber: string;
  assetTag: string;
  fruFileId: string;
  custom: string[];
}

export interface FruInfo {
  chassis?: FruChassis;
  board?: FruBoard;
  product?: FruProduct;
  /** Areas whose checksum did not add up to zero. */
  badChecksums: string[];
}

const CHASSIS_TYPES = [
  'Unspecified', 'Other', 'Unknown', 'Desktop', 'Low Profile Desktop', 'Pizza Box', 'Mini Tower', 'Tower',
  'Portable', 'LapTop', 'Notebook', 'Hand Held', 'Docking Station', 'All in One', 'Sub Notebook',
  'Space-saving', 'Lunch Box', 'Main Server Chassis', 'Expansion Chassis', 'SubChassis', 'Bus Expansion Chassis',
  'Peripheral Chassis', 'RAID Chassis', 'Rack Mount Chassis', 'Sealed-case PC', 'Multi-system Chassis',
  'CompactPCI', 'AdvancedTCA', 'Blade', 'Blade Enclosure', 'Tablet', 'Convertible', 'Detachable',
  'IoT Gateway', 'Embedded PC', 'Mini PC', 'Stick PC',
];

export function chassisTypeName(t: number): string {
  return CHASSIS_TYPES[t] ?? 'Unknown';
}

function bad(detail: string): FieldKitError {
  return new FieldKitError('IPMICMD_BAD_RECORD', { what: 'FRU area', detail });
}

function checksumOk(bytes: Uint8Array): boolean {
  let s = 0;
  for (const b of bytes) s = (s + b) & 0xff;
  return s === 0;
}

/** Reads type/length fields from `offset` until 0xC1 (end) or the area ends. */
function fields(area: Uint8Array, offset: number, count: number): { fixed: string[]; custom: string[] } {
  const fixed: string[] = [];
  const custom: string[] = [];
  let p = offset;
  while (p < area.length && area[p] !== 0xc1) {
    const { text, next } = decodeTypeLengthString(area, p, false);
    if (fixed.length < count) fixed.push(text);
    else custom.push(text);
    p = next;
  }
  while (fixed.length < count) fixed.push('');
  return { fixed, custom };
}

function areaAt(data: Uint8Array, multiple: number, name: string, badChecksums: string[]): Uint8Array | undefined {
  if (!multiple) return undefined;
  const start = multiple * 8;
  if (start + 2 > data.length) throw bad(`${name} area starts at ${start}, past the ${data.length} bytes read`);
  const len = data[start + 1] * 8;
  if (len === 0) throw bad(`${name} area has length 0`);
  const area = data.subarray(start, Math.min(data.length, start + len));
  if (area.length < len || !checksumOk(area)) badChecksums.push(name);
  return area;
}

export function decodeFru(data: Uint8Array): FruInfo {
  if (data.length < 8) throw bad(`common header needs 8 bytes, got ${data.length}`);
  if ((data[0] & 0x0f) !== 0x01) throw bad(`unknown common header format version ${data[0]}`);
  const info: FruInfo = { badChecksums: [] };
  if (!checksumOk(data.subarray(0, 8))) info.badChecksums.push('header');

  const chassis = areaAt(data, data[2], 'chassis', info.badChecksums);
  if (chassis && chassis.length >= 3) {
    const f = fields(chassis, 3, 2);
    info.chassis = { type: chassis[2], typeName: chassisTypeName(chassis[2]), partNumber: f.fixed[0], serialNumber: f.fixed[1], custom: f.custom };
  }
  const board = areaAt(data, data[3], 'board', info.badChecksums);
  if (board && board.length >= 6) {
    const minutes = board[3] | (board[4] << 8) | (board[5] << 16);
    const f = fields(board, 6, 5);
    info.board = {
      ...(minutes ? { mfgDate: new Date(Date.UTC(1996, 0, 1) + minutes * 60_000).toISOString() } : {}),
      manufacturer: f.fixed[0],
      productName: f.fixed[1],
      serialNumber: f.fixed[2],
      partNumber: f.fixed[3],
      fruFileId: f.fixed[4],
      custom: f.custom,
    };
  }
  const product = areaAt(data, data[4], 'product', info.badChecksums);
  if (product && product.length >= 3) {
    const f = fields(product, 3, 7);
    info.product = {
      manufacturer: f.fixed[0],
      name: f.fixed[1],
      partNumber: f.fixed[2],
      version: f.fixed[3],
      serialNumber: f.fixed[4],
      assetTag: f.fixed[5],
      fruFileId: f.fixed[6],
      custom: f.custom,
    };
  }
  return info;
}

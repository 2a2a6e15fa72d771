/**
 * Raw reading to value for threshold sensors (IPMI 2.0 section 36.3):
 * y = L[(M * x + B * 10^Bexp) * 10^Rexp], x read as unsigned, 1's or 2's
 * complement per the SDR's analog data format.
 */
export interface ConversionFactors {
  /** 0 unsigned, 1 one's complement, 2 two's complement, 3 no analog reading. */
  analogFormat: number;
  linearization: number;
  m: number;
  b: number;
  bExp: number;
  rExp: number;
}

function signExtend(value: number, bits: number): number {
  const sign = 1 << (bits - 1);
  return (value & (sign - 1)) - (value & sign);
}

export function tenBitSigned(ls: number, ms2: number): number {
  return signExtend(((ms2 & 0x03) << 8) | (ls & 0xff), 10);
}

export function fourBitSigned(v: number): number {
  return signExtend(v & 0x0f, 4);
}

function linearize(l: number, x: number): number | undefined {
  switch (l) {
    case 0x00: return x;
    case 0x01: return Math.log(x);
    case 0x02: return Math.log10(x);
    case 0x03: return Math.log2(x);
    case 0x04: return Math.exp(x);
    case 0x05: return Math.pow(10, x);
    case 0x06: return Math.pow(2, x);
    case 0x07: return x === 0 ? undefined : 1 / x;
    case 0x08: return x * x;
    case 0x09: return x * x * x;
    case 0x0a: return Math.sqrt(x);
    case 0x0b: return Math.cbrt(x);
    default: return undefined; // 0x70-0x7F non-linear / OEM: needs Get Sensor Reading Factors
  }
}

/** The value of a raw byte, or undefined when the format gives none. */
export function rawToValue(raw: number, f: ConversionFactors): number | undefined {
  let x: number;
  switch (f.analogFormat) {
    case 0: x = raw & 0xff; break;
    case 1: x = raw & 0x80 ? -((~raw) & 0x7f) : raw & 0x7f; break;
    case 2: x = signExtend(raw & 0xff, 8); break;
    default: return undefined;
  }
  const y = (f.m * x + f.b * Math.pow(10, f.bExp)) * Math.pow(10, f.rExp);
  const v = linearize(f.linearization & 0x7f, y);
  if (v === undefined || !Number.isFinite(v)) return undefined;
  // Strip float noise (0.06 * 200 = 12.000000000000002).
  return Number(v.toPrecision(12));
}

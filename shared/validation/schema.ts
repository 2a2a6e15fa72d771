/**
 * The shape of the inventory document (schema version 4), used to check
 * imports and the stored file before any rule runs. Shape errors become
 * catalogued INVENTORY_IMPORT_BAD_TYPE issues with the field's path.
 */
import { z } from 'zod';
import { CLUSTER_KINDS, INVENTORY_SCHEMA_VERSION, IPMI_PRIVILEGES, SERVER_MODELS, SLOT_KINDS, type Inventory } from '../model/inventory';
import { issue, type ValidationIssue } from './types';

const str = (max: number) => z.string().max(max);

export const bmcAddressSchema = z.strictObject({ host: str(64), port: z.number().optional() });

export const pciSlotSchema = z.strictObject({
  number: z.number(),
  kind: z.enum(SLOT_KINDS as [string, ...string[]]),
  fenced: z.boolean(),
  priority: z.number().optional(),
  label: str(64).optional(),
});

export const serverSchema = z.strictObject({
  name: str(64),
  model: z.enum(SERVER_MODELS as [string, ...string[]]).optional(),
  bmc: z.strictObject({ primary: bmcAddressSchema, secondary: bmcAddressSchema.optional() }),
  account: str(64).default(''),
  ipmi: z
    .strictObject({
      cipherSuite: z.number().default(3),
      privilege: z.enum(IPMI_PRIVILEGES as [string, ...string[]]).default('ADMINISTRATOR'),
      kgStored: z.boolean().default(false),
      /** The user accepts a session without integrity / confidentiality (suites 0, 1, 2); absent = not accepted. */
      weakCipherAccepted: z.boolean().optional(),
    })
    .default({ cipherSuite: 3, privilege: 'ADMINISTRATOR', kgStored: false }),
  notes: str(65536).default(''),
  slots: z.array(pciSlotSchema).max(256).default([]),
  trapReceivers: z.array(str(64)).max(64).default([]),
  interfaces: z.array(z.strictObject({ name: str(64), cidr: str(64) })).max(64).default([]),
  resetPathAddress: str(64).optional(),
  onboardInterconnect: z.boolean().optional(),
});

export const clusterSchema = z.strictObject({
  name: str(64),
  kind: z.enum(CLUSTER_KINDS as [string, ...string[]]),
  resetPath: z.strictObject({ prefixLength: z.number(), port: z.number(), unassignedAddress: str(64).optional() }).optional(),
  trapSettings: z
    .strictObject({
      monitors: z
        .array(
          z.strictObject({
            keyword: z.string().max(8192),
            category: str(256),
            serverKeywords: z.array(z.strictObject({ server: str(64), keyword: z.string().max(8192) })).max(64).optional(),
          }),
        )
        .max(64),
    })
    .default({ monitors: [] }),
  servers: z.array(serverSchema).max(64),
});

export const inventorySchema = z.strictObject({
  schemaVersion: z.literal(INVENTORY_SCHEMA_VERSION),
  clusters: z.array(clusterSchema).max(256),
});

function describe(i: z.core.$ZodIssue): string {
  switch (i.code) {
    case 'invalid_type':
      return `expected ${i.expected}`;
    case 'invalid_value':
      return `expected one of ${i.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `unknown field(s) ${i.keys.join(', ')}`;
    case 'too_big':
      return `too long (at most ${String(i.maximum)})`;
    default:
      return i.code;
  }
}

export function pathString(path: PropertyKey[]): string {
  return path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '') || '(top level)';
}

/** Checks the shape; on success returns the document with defaults filled in. */
export function parseInventoryShape(data: unknown): { value?: Inventory; issues: ValidationIssue[] } {
  const r = inventorySchema.safeParse(data);
  if (r.success) return { value: r.data as Inventory, issues: [] };
  return {
    issues: r.error.issues.slice(0, 50).map((i) => issue('INVENTORY_IMPORT_BAD_TYPE', pathString(i.path), { detail: describe(i) })),
  };
}

import { z } from 'zod';
import { defineChannel, defineEvent } from './channel';
import type { Inventory } from '../model/inventory';
import type { ValidationIssue } from '../validation/types';
import { clusterSchema, serverSchema } from '../validation/schema';

const clusterName = z.string().min(1).max(64);

/** One line of an import preview: what would be added, removed or changed. */
export interface InventoryChangeView {
  op: 'add' | 'remove' | 'change';
  cluster: string;
  server?: string;
  field?: string;
  before?: string;
  after?: string;
}

export interface InventoryView {
  inventory: Inventory;
  /** Every rule's findings (errors and warnings) on the stored inventory. */
  issues: ValidationIssue[];
  file: string;
  migratedFrom?: number;
}

export interface InventoryMutationResult {
  inventory: Inventory;
  /** Warnings (and incomplete-cluster notes) that remain after the change. */
  issues: ValidationIssue[];
}

export interface ImportPreview {
  format: 'json' | 'csv';
  ok: boolean;
  issues: ValidationIssue[];
  changes: InventoryChangeView[];
  migratedFrom?: number;
}

export interface ExportedFile {
  fileName: string;
  mime: 'application/json' | 'text/csv';
  content: string;
}

const importRequest = z
  .object({
    text: z.string().max(5 * 1024 * 1024),
    format: z.enum(['json', 'csv']),
    fileName: z.string().max(260).default('import'),
    cluster: clusterName.optional(),
  })
  .strict();

export const inventoryChannels = {
  'inventory.get': defineChannel({ request: z.object({}).strict(), response: {} as InventoryView }),
  'inventory.putCluster': defineChannel({
    request: z.object({ cluster: clusterSchema.omit({ servers: true }), originalName: clusterName.optional() }).strict(),
    response: {} as InventoryMutationResult,
  }),
  'inventory.removeCluster': defineChannel({ request: z.object({ name: clusterName }).strict(), response: {} as InventoryMutationResult }),
  'inventory.putServer': defineChannel({
    request: z.object({ cluster: clusterName, server: serverSchema, originalName: z.string().min(1).max(64).optional() }).strict(),
    response: {} as InventoryMutationResult,
  }),
  'inventory.removeServer': defineChannel({
    request: z.object({ cluster: clusterName, name: z.string().min(1).max(64) }).strict(),
    response: {} as InventoryMutationResult,
  }),
  /**
   * haconnsetup's `pserver add` / `pserver mod`: key=value settings as the engineer types them,
   * validated and defaulted by the service (the CLI's path; the window edits a whole server with putServer).
   */
  'inventory.addServer': defineChannel({
    request: z
      .object({ cluster: clusterName.optional(), name: z.string().min(1).max(64), addr: z.string().min(1).max(80), addr2: z.string().max(80).optional(), account: z.string().max(64).optional(), model: z.string().max(64).optional() })
      .strict(),
    response: {} as InventoryMutationResult,
  }),
  'inventory.modifyServer': defineChannel({
    request: z
      .object({
        cluster: clusterName.optional(),
        name: z.string().min(1).max(64),
        set: z.object({ name: z.string().max(64).optional(), addr: z.string().max(80).optional(), addr2: z.string().max(80).optional(), account: z.string().max(64).optional(), model: z.string().max(64).optional() }).strict(),
      })
      .strict(),
    response: {} as InventoryMutationResult,
  }),
  /** haconnsetup's resetpath as run on `server` (addr= is that server's own address): either value alone changes just that value. */
  'inventory.setResetPath': defineChannel({
    request: z.object({ cluster: clusterName.optional(), server: z.string().min(1).max(64).optional(), addr: z.string().max(64).optional(), port: z.string().max(16).optional() }).strict(),
    response: {} as InventoryMutationResult,
  }),
  /** Validates an import and lists what it would change; changes nothing. */
  'inventory.importPreview': defineChannel({ request: importRequest, response: {} as ImportPreview }),
  /** All or nothing: refused with INVENTORY_IMPORT_REJECTED unless everything validates. */
  'inventory.importApply': defineChannel({ request: importRequest, response: {} as ImportPreview }),
  'inventory.export': defineChannel({ request: z.object({ format: z.enum(['json', 'csv']) }).strict(), response: {} as ExportedFile }),
};

export const inventoryEvents = {
  /** The stored inventory changed (any front end). */
  'inventory.changed': defineEvent<{ inventory: Inventory }>(),
};

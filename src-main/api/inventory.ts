import { inventoryChannels, type ImportPreview } from '../../shared/contract/inventory';
import type { Cluster, Server } from '../../shared/model/inventory';
import type { ImportPlan } from '../services/inventory/service';
import { inventoryOf } from '../services/inventory/wire';
import type { HandlerContext } from './types';
import { defineHandlers } from './types';

const svc = (ctx: HandlerContext) => inventoryOf(ctx.services, { who: ctx.who, via: ctx.via });

/** The preview without the would-be inventory: the renderer shows the diff and the issues. */
const preview = (p: ImportPlan): ImportPreview => ({ format: p.format, ok: p.ok, issues: p.issues, changes: p.changes, migratedFrom: p.migratedFrom });

export const inventoryHandlers = defineHandlers(inventoryChannels, {
  'inventory.get': async (_req, ctx) => {
    const s = svc(ctx);
    return { ...(await s.get()), file: s.file };
  },
  'inventory.putCluster': async (req, ctx) =>
    svc(ctx).putCluster({ cluster: req.cluster as Omit<Cluster, 'servers'>, originalName: req.originalName }),
  'inventory.removeCluster': async (req, ctx) => svc(ctx).removeCluster(req.name),
  'inventory.putServer': async (req, ctx) => svc(ctx).putServer({ cluster: req.cluster, server: req.server as Server, originalName: req.originalName }),
  'inventory.addServer': async (req, ctx) => svc(ctx).addServer(req),
  'inventory.modifyServer': async (req, ctx) => svc(ctx).modifyServer(req),
  'inventory.removeServer': async (req, ctx) => svc(ctx).deleteServer({ cluster: req.cluster, name: req.name }),
  'inventory.setResetPath': async (req, ctx) => svc(ctx).setResetPath(req),
  'inventory.importPreview': async (req, ctx) =>
    preview(await svc(ctx).planImport({ text: req.text, format: req.format, source: req.fileName, cluster: req.cluster })),
  'inventory.importApply': async (req, ctx) =>
    preview(await svc(ctx).applyImport({ text: req.text, format: req.format, source: req.fileName, cluster: req.cluster })),
  'inventory.export': async (req, ctx) => ({
    fileName: `fieldkit-inventory.${req.format}`,
    mime: req.format === 'json' ? ('application/json' as const) : ('text/csv' as const),
    content: await svc(ctx).exportText(req.format),
  }),
});

import type { Page } from '@playwright/test';

/*
 * Layout checks by element boxes, not by eye, shared by the Chromium specs
 * (japanese-window.spec.ts: every page; forms-layout.spec.ts: every form).
 * The functions handed to page.evaluate run in the browser; these specs are
 * compiled without the DOM library, so the few DOM shapes they touch are
 * declared here.
 */

interface Rect { left: number; top: number; right: number; bottom: number; width: number; height: number }
interface El {
  tagName: string;
  className: string;
  scrollWidth: number;
  clientWidth: number;
  textContent: string | null;
  getBoundingClientRect(): Rect;
  getClientRects(): ArrayLike<Rect>;
  closest(s: string): El | null;
  querySelectorAll(s: string): ArrayLike<El>;
  getAttribute(n: string): string | null;
  parentElement: El | null;
  contains(o: El): boolean;
}
interface BrowserDoc {
  documentElement: El;
  querySelectorAll(s: string): ArrayLike<El>;
  createRange(): { selectNodeContents(e: unknown): void; getClientRects(): ArrayLike<Rect> };
  createTreeWalker(root: El, what: number): { nextNode(): unknown };
}

/**
 * Boxes wider than what shows them: the page itself, the main area, the
 * content pane, and any open dialog. Each entry "TAG.class scrollWidth>clientWidth".
 */
export async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: BrowserDoc }).document;
    const boxes = [doc.documentElement, ...Array.from(doc.querySelectorAll('main, .el-main, [class*="fk-content"], .el-dialog, .el-dialog__body'))];
    return boxes
      .filter((b) => b.getClientRects().length > 0 && b.scrollWidth > b.clientWidth + 1)
      .map((b) => `${b.tagName}.${String(b.className).split(' ')[0]} ${b.scrollWidth}>${b.clientWidth}`);
  });
}

/**
 * Labels that collide, inside `root` (a CSS selector; every match is checked):
 * a form label's text over any field or button, or over another label's text,
 * or cut off by its own box. The label's box is where its text is drawn (a
 * Range over it), so a Japanese label that wraps out of a one-line label box
 * into the next row is caught. Fields are Element Plus controls and native
 * inputs; a checkbox's or radio's own text is part of that control.
 * Also answers how many labels and fields were measured.
 */
export async function labelCollisions(page: Page, root: string): Promise<{ problems: string[]; labels: number; fields: number }> {
  return page.evaluate((rootSel) => {
    const doc = (globalThis as unknown as { document: BrowserDoc }).document;
    const out: string[] = [];
    let labelCount = 0;
    let fieldCount = 0;
    const visible = (r: Rect) => r.width > 0 && r.height > 0;
    const overlap = (a: Rect, b: Rect) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
    const name = (e: El) => (e.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40) || e.getAttribute('data-testid') || e.tagName;
    const FIELDS = '.el-input, .el-textarea, .el-select, .el-input-number, .el-date-editor, .el-switch, .el-checkbox, .el-radio, .el-radio-button, .el-button, input:not([type=hidden]), select, textarea';
    for (const r of Array.from(doc.querySelectorAll(rootSel))) {
      if (!r.getClientRects().length) continue;
      const labels = Array.from(r.querySelectorAll('.el-form-item__label, label'))
        // A checkbox's, radio's or button's own text is inside the control: not a form label.
        .filter((l) => !l.closest('.el-checkbox, .el-radio, .el-radio-button, .el-switch, .el-button') && (l.textContent ?? '').trim() !== '')
        .map((l) => ({ el: l, box: l.getBoundingClientRect(), lines: textRects(l) }))
        .filter((l) => visible(l.box));
      const fields = Array.from(r.querySelectorAll(FIELDS))
        // The outermost control only (the input inside an .el-input is the same field).
        .filter((f) => !f.parentElement?.closest(FIELDS))
        .map((f) => ({ el: f, box: f.getBoundingClientRect() }))
        .filter((f) => visible(f.box));
      labelCount += labels.length;
      fieldCount += fields.length;
      for (const l of labels) {
        if (l.el.scrollWidth > l.el.clientWidth + 1 && l.el.clientWidth > 0) out.push(`label "${name(l.el)}" is cut off (${l.el.scrollWidth}>${l.el.clientWidth})`);
        for (const line of l.lines) {
          if (line.bottom > l.box.bottom + 1 || line.top < l.box.top - 1) out.push(`label "${name(l.el)}" runs out of its box (text ${Math.round(line.top)}-${Math.round(line.bottom)}, box ${Math.round(l.box.top)}-${Math.round(l.box.bottom)})`);
          for (const f of fields) if (!l.el.contains(f.el) && overlap(line, f.box)) out.push(`label "${name(l.el)}" overlaps field "${name(f.el)}"`);
          for (const o of labels) if (o !== l && o.lines.some((ol) => overlap(line, ol))) out.push(`label "${name(l.el)}" overlaps label "${name(o.el)}"`);
        }
      }
    }
    // The counts show the check was not vacuous (a form whose labels were not found passes nothing).
    return { problems: [...new Set(out)], labels: labelCount, fields: fieldCount };

    /** Where the element's text is drawn: its text nodes' line boxes (a Range over the element would add its children's boxes). */
    function textRects(e: El): Rect[] {
      const walker = doc.createTreeWalker(e, 4);
      const rects: Rect[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const range = doc.createRange();
        range.selectNodeContents(n);
        rects.push(...Array.from(range.getClientRects()).filter(visible));
      }
      return rects;
    }
  }, root);
}

/**
 * Texts squeezed by their neighbours, inside `root`: a short heading, label
 * or button text (up to 12 characters, such as "インベントリ") broken over
 * several lines, and a select whose chosen value is cut to an ellipsis
 * ("h…" for "hacluster1"). Overlap checks miss these: nothing overlaps, the
 * box is just too narrow.
 */
export async function squeezedTexts(page: Page, root: string): Promise<string[]> {
  return page.evaluate((rootSel) => {
    const doc = (globalThis as unknown as { document: BrowserDoc }).document;
    const out: string[] = [];
    for (const r of Array.from(doc.querySelectorAll(rootSel))) {
      for (const e of Array.from(r.querySelectorAll('h1, h2, h3, h4, .el-form-item__label, .el-button > span, .el-tabs__item, th'))) {
        const text = (e.textContent ?? '').trim();
        if (!text || text.length > 12 || !e.getClientRects().length) continue;
        const tops = new Set<number>();
        const walker = doc.createTreeWalker(e, 4);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const range = doc.createRange();
          range.selectNodeContents(n);
          for (const x of Array.from(range.getClientRects())) if (x.width > 0) tops.add(Math.round(x.top));
        }
        if (tops.size > 1) out.push(`"${text}" is broken over ${tops.size} lines`);
      }
      // The chosen value's box (a placeholder while empty: is-transparent) clips with an ellipsis.
      for (const e of Array.from(r.querySelectorAll('.el-select__placeholder:not(.is-transparent)'))) {
        const text = (e.textContent ?? '').trim();
        if (text && e.getClientRects().length && e.scrollWidth > e.clientWidth + 1) out.push(`select value "${text}" is cut off (${e.scrollWidth}>${e.clientWidth})`);
      }
    }
    return [...new Set(out)];
  }, root);
}

/**
 * xterm's DOM renderer writes its theme and cell sizes into <style>
 * elements it creates. FieldKit's Content-Security-Policy (style-src 'self',
 * no 'unsafe-inline': src-main/security/csp.ts) refuses the text of such
 * elements, so the terminal would lose its colours and row heights and
 * Chromium would log a violation for each. CSP does not govern the CSS
 * Object Model, so while the terminal is being opened each <style> xterm
 * asks for is handed an element whose text goes into a constructed
 * stylesheet adopted by the document instead. No policy is loosened.
 */
export function withCspSafeStyles<T>(doc: Document, fn: () => T): T {
  const original = doc.createElement;
  const patched = function (this: Document, tag: string, options?: ElementCreationOptions): HTMLElement {
    if (tag.toLowerCase() === 'style') return styleProxy(doc, original);
    return original.call(this, tag, options);
  };
  doc.createElement = patched as typeof doc.createElement;
  try {
    return fn();
  } finally {
    doc.createElement = original;
  }
}

function styleProxy(doc: Document, create: Document['createElement']): HTMLElement {
  // An element the browser neither renders nor treats as CSS: a hidden <template> holds the place.
  const el = create.call(doc, 'template');
  el.dataset.fkStyle = 'xterm';
  const sheet = new CSSStyleSheet();
  let text = '';
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  Object.defineProperty(el, 'textContent', {
    configurable: true,
    get: () => text,
    set: (v: string | null) => {
      text = v ?? '';
      sheet.replaceSync(text);
    },
  });
  const remove = el.remove.bind(el);
  el.remove = () => {
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
    remove();
  };
  return el;
}

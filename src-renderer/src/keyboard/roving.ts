import type { Directive } from 'vue';

/**
 * v-roving="'<row selector>'": the rows of a list or table take focus from
 * the keyboard with one Tab stop for the whole list (a roving tabindex: the
 * current row has tabindex 0, the others -1), so a SEL of 500 rows is not
 * 500 Tab presses. Up/Down move one row, PageUp/PageDown ten, Home/End to the
 * ends; Enter (or Space) runs the row's main action: the element inside it
 * marked data-row-main if there is one, else a click on the row itself (the
 * trap table opens the detail on a row click).
 *
 * The rows may be re-rendered under the directive (a virtualised table while
 * it scrolls, a live list): a MutationObserver gives new rows their tabindex.
 * The Tab stop is the focused row, else the one marked selected or active
 * (the open page in the menu, the trap shown in the detail), else the row
 * last left, else the first.
 */
const CURRENT = '[aria-selected="true"], [aria-current="page"], .is-active, [data-row-current="true"]';

interface State {
  selector: string;
  observer: MutationObserver;
  onKey: (e: KeyboardEvent) => void;
  onFocus: (e: FocusEvent) => void;
}
const states = new WeakMap<HTMLElement, State>();

function rowsOf(el: HTMLElement, selector: string): HTMLElement[] {
  return Array.from(el.querySelectorAll<HTMLElement>(selector));
}

/** Exactly one row is the Tab stop; the others are reachable by the arrow keys only. */
function settle(el: HTMLElement, selector: string, current?: HTMLElement) {
  const rows = rowsOf(el, selector);
  if (!rows.length) return;
  const focused = rows.find((r) => r === document.activeElement);
  const keep = current ?? focused ?? rows.find((r) => r.matches(CURRENT)) ?? rows.find((r) => r.getAttribute('tabindex') === '0') ?? rows[0];
  for (const r of rows) {
    const want = r === keep ? '0' : '-1';
    if (r.getAttribute('tabindex') !== want) r.setAttribute('tabindex', want);
  }
}

function move(el: HTMLElement, selector: string, from: HTMLElement, key: string): boolean {
  const rows = rowsOf(el, selector);
  const i = rows.indexOf(from);
  if (i < 0) return false;
  const step: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, Home: -Infinity, End: Infinity };
  if (!(key in step)) return false;
  const to = rows[Math.max(0, Math.min(rows.length - 1, i + step[key]))];
  if (to && to !== from) {
    settle(el, selector, to);
    to.focus();
    // A virtualised table renders the rows beyond the edge once the row is scrolled into view.
    to.scrollIntoView({ block: 'nearest' });
  }
  return true;
}

function install(el: HTMLElement, selector: string) {
  const onKey = (e: KeyboardEvent) => {
    const row = (e.target as HTMLElement | null)?.closest?.(selector) as HTMLElement | null;
    // Keys inside a row's own controls (a button, a checkbox) stay theirs.
    if (!row || row !== e.target || !el.contains(row)) return;
    if (e.key === 'Enter' || e.key === ' ') {
      const main = row.querySelector<HTMLElement>('[data-row-main]');
      (main ?? row).click();
      e.preventDefault();
      return;
    }
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (move(el, selector, row, e.key)) e.preventDefault();
  };
  const onFocus = (e: FocusEvent) => {
    const row = (e.target as HTMLElement | null)?.closest?.(selector) as HTMLElement | null;
    if (row && el.contains(row)) settle(el, selector, row);
  };
  const observer = new MutationObserver(() => settle(el, selector));
  observer.observe(el, { childList: true, subtree: true });
  el.addEventListener('keydown', onKey);
  el.addEventListener('focusin', onFocus);
  states.set(el, { selector, observer, onKey, onFocus });
  settle(el, selector);
}

function remove(el: HTMLElement) {
  const s = states.get(el);
  if (!s) return;
  s.observer.disconnect();
  el.removeEventListener('keydown', s.onKey);
  el.removeEventListener('focusin', s.onFocus);
  states.delete(el);
}

export const vRoving: Directive<HTMLElement, string> = {
  mounted(el, binding) {
    install(el, binding.value);
  },
  updated(el, binding) {
    if (states.get(el)?.selector !== binding.value) {
      remove(el);
      install(el, binding.value);
    } else settle(el, binding.value);
  },
  beforeUnmount(el) {
    remove(el);
  },
};

import { nextTick, onMounted, onUnmounted, ref } from 'vue';
import type { Router } from 'vue-router';
import { createMatcher, isTypingTarget, type Shortcut } from './shortcuts';

/** The page's search box carries this attribute (on the ElInput or the input itself). */
export const SEARCH_ATTR = 'data-shortcut-search';
/** The content pane: focused after a "g" shortcut, so the next Tab walks into the page. */
export const CONTENT_ID = 'fk-content';

/**
 * The one keydown listener of the window's shortcuts (installed by App.vue).
 * Keys typed into a field, and keys while a dialog is open (its own keys:
 * Escape, Tab within it), are left alone.
 */
export function useShortcuts(router: Router) {
  const helpOpen = ref(false);
  const matcher = createMatcher();

  function focusContent() {
    (document.getElementById(CONTENT_ID) as HTMLElement | null)?.focus({ preventScroll: true });
  }

  function focusSearch(): boolean {
    const root = document.getElementById(CONTENT_ID);
    const marked = root?.querySelector<HTMLElement>(`[${SEARCH_ATTR}]`);
    if (!marked) return false;
    const input = marked.matches('input, textarea') ? marked : marked.querySelector<HTMLElement>('input, textarea');
    if (!input) return false;
    input.focus();
    (input as HTMLInputElement).select?.();
    return true;
  }

  async function run(s: Shortcut) {
    const a = s.action;
    if (a.kind === 'help') helpOpen.value = true;
    else if (a.kind === 'search') focusSearch();
    else {
      await router.push(a.path);
      await nextTick();
      focusContent();
    }
  }

  function onKey(e: KeyboardEvent) {
    if (e.defaultPrevented || e.isComposing) return;
    if (isTypingTarget(e.target as HTMLElement | null)) return matcher.reset();
    // A dialog owns the keyboard while it is open (ours included: "?" again does nothing).
    if (dialogOpen()) return matcher.reset();
    const hit = matcher.press(e, Date.now());
    if (!hit) return;
    e.preventDefault();
    void run(hit);
  }

  /** An Element Plus overlay (dialog, message box) on screen: a closed one is display:none and has no box. */
  function dialogOpen(): boolean {
    return Array.from(document.querySelectorAll<HTMLElement>('.el-overlay')).some((o) => o.getClientRects().length > 0);
  }

  onMounted(() => window.addEventListener('keydown', onKey));
  onUnmounted(() => window.removeEventListener('keydown', onKey));
  return { helpOpen };
}

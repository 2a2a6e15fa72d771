import type { Locator, Page } from '@playwright/test';

/** The text field of a data-testid: Element Plus puts the attribute on its wrapper or on the inner input; either is found. */
export function fieldInput(page: Page, id: string): Locator {
  return page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
}

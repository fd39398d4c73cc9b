import type { Page } from '@playwright/test';

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A device tile, by its slot name (its accessible name is "<slot>: <state>[, selected]"). */
export function tile(page: Page, slot: string) {
  return page.getByRole('group', { name: new RegExp(`^${escapeRegExp(slot)}: `) });
}

/** A tile's accessible name in this state, selected or not. */
export function inState(slot: string, state: string): RegExp {
  return new RegExp(`^${escapeRegExp(slot)}: ${state}(, selected)?$`);
}

import { isTypingTarget } from './format';
import { letterShortcutHeld } from './unsaved';

/** What a list screen (claims, sources, claimants) gives the keys every such screen shares. */
export interface ListKeys {
  /** The screen's search box. */
  search: HTMLInputElement | undefined;
  /** Ctrl+N (or Cmd+N): a new item; absent where the screen makes none. */
  onnew?: () => void;
  /** The selection moves by one row (↓/↑ in the search box). */
  move: (delta: number) => void;
  /** Esc in the search box: empties the search; answers false when it was already empty. */
  clearSearch: () => boolean;
}

/** Puts the caret in the search box with its text selected (`/`, Ctrl+F). */
export function focusSearchBox(search: HTMLInputElement | undefined) {
  search?.focus();
  search?.select();
}

/**
 * The keys every list screen answers alike, for the start of its `onkeydown`: Ctrl+F searches,
 * Ctrl+N makes a new item; in the search box ↓/↑ move the selection and Esc empties it. Answers
 * true when the event is dealt with (or, with another modifier or inside a text field, is not the
 * screen's to act on); the screen then stops. `extra` runs first for a screen's own keys that
 * also work with Shift (it answers true when it took the event).
 */
export function commonListKeys(e: KeyboardEvent, k: ListKeys, extra?: (e: KeyboardEvent) => boolean): boolean {
  const key = e.key;
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.altKey && !e.shiftKey && key.toLowerCase() === 'f') {
    e.preventDefault();
    focusSearchBox(k.search);
    return true;
  }
  if (mod && !e.altKey && !e.shiftKey && key.toLowerCase() === 'n' && k.onnew) {
    e.preventDefault();
    k.onnew();
    return true;
  }
  if (mod || e.altKey) return true;
  if (extra?.(e)) return true;
  if (!isTypingTarget(e.target)) return false;
  if (e.target === k.search) {
    if (key === 'ArrowDown' || key === 'ArrowUp') {
      e.preventDefault();
      k.move(key === 'ArrowDown' ? 1 : -1);
    } else if (key === 'Escape' && k.clearSearch()) {
      e.preventDefault();
    }
  }
  return true;
}

/**
 * The row a move by `delta` lands on in a list of `length` rows, from row `at` (-1 or null: none
 * selected, so ↓ starts at the first row and ↑ at the last). Stops at either end.
 */
export function stepIndex(at: number | null, delta: number, length: number): number {
  if (at === null || at < 0) return delta > 0 ? 0 : length - 1;
  return Math.min(length - 1, Math.max(0, at + delta));
}

/** A screen's own keys, by `KeyboardEvent.key`: the action, or a falsy value where it does not apply now. */
export type KeyActions = Record<string, (() => unknown) | false | null | undefined>;

/**
 * Runs the action `actions` gives the event's key, if any, and takes the event. A single-letter
 * shortcut is held back while a form holds unsaved input and the key is not clearly meant for the
 * screen (see `unsaved.ts` for the rule).
 */
export function runKey(e: KeyboardEvent, actions: KeyActions): void {
  const act = Object.prototype.hasOwnProperty.call(actions, e.key) ? actions[e.key] : null;
  if (!act || letterShortcutHeld(e)) return;
  e.preventDefault();
  act();
}

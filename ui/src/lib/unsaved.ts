/**
 * Unsaved input and the single-letter shortcuts (issue 17). A form marks itself with
 * `data-unsaved="true"` while it holds input not saved yet. Then a key without Ctrl, Alt or Cmd that
 * types one character (`n`, `j`, `e`, `x`, `/`, `?`…) is held back, not taken as a shortcut, when:
 *
 * - it comes from inside a form or dialog (a checkbox, a radio, a button of the form: not a text
 *   field, which never takes shortcuts anyway), or
 * - the focus is nowhere (on the page itself, as after a click that missed every field), or
 * - the last click (pointer down) was inside a form or dialog that holds unsaved input.
 *
 * That is what a person expects: while they are working in a form, letters belong to the form;
 * they become shortcuts again once the checker clicks or tabs to something outside it (the list,
 * a button of the screen), or the form is saved or closed. Keys with a modifier, arrows and Esc
 * are not held back (Esc on a form with unsaved input asks before discarding it).
 */

const FORMISH = 'form, [role="dialog"], [role="alertdialog"], dialog';
export const UNSAVED = '[data-unsaved="true"]';

/** Where the last pointer went down, anywhere in the window. */
let lastDown: Element | null = null;

function remember(e: Event) {
  lastDown = e.target instanceof Element ? e.target : null;
}

if (typeof document !== 'undefined') {
  // Capture: seen even when a component stops the event.
  document.addEventListener('pointerdown', remember, true);
  document.addEventListener('mousedown', remember, true);
}

/** Whether some form on screen holds unsaved input. */
export function hasUnsavedForm(root: ParentNode = document): boolean {
  return root.querySelector(UNSAVED) !== null;
}

/** A key that would be a single-letter shortcut: one character, no Ctrl, Alt or Cmd. */
export function isLetterKey(e: KeyboardEvent): boolean {
  return e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey;
}

/** Whether the single-letter shortcut `e` is held back (see the rule above). */
export function letterShortcutHeld(e: KeyboardEvent): boolean {
  if (!isLetterKey(e) || !hasUnsavedForm()) return false;
  const target = e.target instanceof Element ? e.target : null;
  if (target?.closest(FORMISH)) return true;
  const focus = document.activeElement;
  if (!focus || focus === document.body || focus === document.documentElement) return true;
  if (lastDown?.isConnected && lastDown.closest(UNSAVED)) return true;
  return false;
}

/** Forgets the last pointer down (tests). */
export function forgetPointer() {
  lastDown = null;
}

import { tick } from 'svelte';
import { toApiFailure } from './api';

/** Errors of one failed save: messages by field (shown under the field) and one for the form. */
export interface FormErrors {
  fields: Record<string, string>;
  form: string | null;
}

export const noErrors = (): FormErrors => ({ fields: {}, form: null });

/**
 * Places a failed save's error: a `Validation` naming one of `fields` goes under that field,
 * anything else into the form's general error area.
 */
export function placeError(err: unknown, fields: readonly string[]): FormErrors {
  const f = toApiFailure(err);
  if (f.field && fields.includes(f.field)) {
    return { fields: { [f.field]: f.message }, form: null };
  }
  return { fields: {}, form: f.message };
}

/**
 * The keys every form answers to, for its `onkeydown`: Ctrl+Enter (or Cmd+Enter) saves, Escape
 * cancels (and goes no further, so the app's own Escape handling does not also fire).
 */
export function formKeys(save: () => unknown, cancel: (e: KeyboardEvent) => void) {
  return (e: KeyboardEvent) => {
    if (isSaveShortcut(e)) {
      e.preventDefault();
      save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      cancel(e);
    }
  };
}

/** Moves focus to the first field that has an error, once the errors are on screen. */
export async function focusFirstError(form: HTMLElement | undefined, errors: FormErrors): Promise<void> {
  await tick();
  const bad = Object.keys(errors.fields)[0];
  if (bad) form?.querySelector<HTMLElement>(`[name="${bad}"]`)?.focus();
}

/** Ctrl+Enter (or Cmd+Enter) anywhere in a form. */
export function isSaveShortcut(e: KeyboardEvent): boolean {
  return e.key === 'Enter' && (e.ctrlKey || e.metaKey);
}

/**
 * The form's errors without the one under the field `e` (an `input` event) was typed in: a message
 * such as "the wording cannot be empty" goes as soon as the checker types the fix, not at the next
 * save. For a form's `oninput`.
 */
export function clearFieldError(errors: FormErrors, e: Event): FormErrors {
  const name = (e.target as { name?: unknown } | null)?.name;
  if (typeof name !== 'string' || !(name in errors.fields)) return errors;
  const fields = { ...errors.fields };
  delete fields[name];
  return { fields, form: errors.form };
}

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

/** Ctrl+Enter (or Cmd+Enter) anywhere in a form. */
export function isSaveShortcut(e: KeyboardEvent): boolean {
  return e.key === 'Enter' && (e.ctrlKey || e.metaKey);
}

/** A message for the next start of the window (set just before it reloads, e.g. after a restore). */
export const NOTICE_KEY = 'factdesk.notice';

/** The message left for this start, once: it is removed as it is read. */
export function takeNotice(): string | null {
  try {
    const m = sessionStorage.getItem(NOTICE_KEY);
    if (m !== null) sessionStorage.removeItem(NOTICE_KEY);
    return m;
  } catch {
    return null;
  }
}

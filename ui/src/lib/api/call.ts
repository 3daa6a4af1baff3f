// How every backend call is made: `invoke`, with any failure turned into an `ApiFailure`. The
// generated wrappers in `commands.ts` call through here; components use the functions of `index.ts`.
import { invoke } from '@tauri-apps/api/core';
import type { CommandName } from './commands';
import { changedBy, changes } from '../changes';

/** The kinds the backend sends, plus `Unknown` for anything that is not an `ApiError`. */
export type ErrorKind = 'Validation' | 'NotFound' | 'Conflict' | 'Storage' | 'Io' | 'Network' | 'Cancelled' | 'Unknown';

const KNOWN_KINDS: readonly string[] = ['Validation', 'NotFound', 'Conflict', 'Storage', 'Io', 'Network', 'Cancelled'];

/** A failed command, in words a person can read. `field` names the input field for `Validation`. */
export class ApiFailure extends Error {
  readonly kind: ErrorKind;
  readonly field: string | null;
  readonly command: string;

  constructor(kind: ErrorKind, message: string, field: string | null, command: string) {
    super(message);
    this.name = 'ApiFailure';
    this.kind = kind;
    this.field = field;
    this.command = command;
  }
}

const UNKNOWN_MESSAGE = 'Something went wrong talking to the Factdesk backend. Please try again.';

/** Only short, single-line text is shown as-is; anything that looks like a stack or a dump is not. */
function plainWords(text: string): string | null {
  const t = text.trim();
  if (!t || t.length > 300 || t.includes('\n')) return null;
  if (/^[{[]/.test(t) || /\bat .+:\d+:\d+/.test(t)) return null;
  return t;
}

/** Turns whatever an `invoke` rejected with into an `ApiFailure`. Exported for tests. */
export function toApiFailure(err: unknown, command = ''): ApiFailure {
  if (err instanceof ApiFailure) return err;
  if (err !== null && typeof err === 'object' && !(err instanceof Error)) {
    const e = err as Record<string, unknown>;
    if (typeof e.kind === 'string' && typeof e.message === 'string') {
      const kind = (KNOWN_KINDS.includes(e.kind) ? e.kind : 'Unknown') as ErrorKind;
      const field = typeof e.field === 'string' && e.field ? e.field : null;
      const message = plainWords(e.message) ?? UNKNOWN_MESSAGE;
      return new ApiFailure(kind, message, field, command);
    }
  }
  if (typeof err === 'string') {
    // Tauri itself rejects with a string for e.g. a command that is not allowed or not found.
    const words = plainWords(err);
    return new ApiFailure('Unknown', words ? `The backend refused the request: ${words}` : UNKNOWN_MESSAGE, null, command);
  }
  return new ApiFailure('Unknown', UNKNOWN_MESSAGE, null, command);
}

/**
 * Calls a command; a failure rejects with an `ApiFailure` naming the command. A command that writes
 * and answered tells the window's lists what it may have changed (`changes.ts`).
 */
export async function call<T>(command: CommandName, args?: Record<string, unknown>): Promise<T> {
  let answer: T;
  try {
    answer = await invoke<T>(command, args);
  } catch (err) {
    throw toApiFailure(err, command);
  }
  changes.announce(changedBy(command));
  return answer;
}

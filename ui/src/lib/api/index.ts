// The only module that talks to the Rust side. Components import these functions, never `invoke`.
import { invoke } from '@tauri-apps/api/core';
import { openUrl } from '@tauri-apps/plugin-opener';
import type {
  ChecklistItem,
  ChecklistItemInput,
  ClaimDetail,
  ClaimStatus,
  ClaimInput,
  ClaimPage,
  ClaimQuery,
  Evidence,
  EvidenceInput,
  RatingScale,
  Source,
  SourceInput,
  Verdict,
  VerdictInput,
  WorkspaceInfo,
} from './types';

export type * from './types';

/** The kinds the backend sends, plus `Unknown` for anything that is not an `ApiError`. */
export type ErrorKind = 'Validation' | 'NotFound' | 'Conflict' | 'Storage' | 'Io' | 'Unknown';

const KNOWN_KINDS: readonly string[] = ['Validation', 'NotFound', 'Conflict', 'Storage', 'Io'];

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

/** A message for any error, for places that show errors not tied to a form. */
export function errorMessage(err: unknown): string {
  return toApiFailure(err).message;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    throw toApiFailure(err, command);
  }
}

export function workspaceInfo(): Promise<WorkspaceInfo> {
  return call('workspace_info');
}

export function listClaims(query: ClaimQuery): Promise<ClaimPage> {
  return call('list_claims', { query });
}

export function getClaim(uuid: string): Promise<ClaimDetail> {
  return call('get_claim', { uuid });
}

export function createClaim(input: ClaimInput): Promise<ClaimDetail> {
  return call('create_claim', { input });
}

export function updateClaim(uuid: string, input: ClaimInput): Promise<ClaimDetail> {
  return call('update_claim', { uuid, input });
}

export function listSources(search: string | null): Promise<Source[]> {
  return call('list_sources', { search });
}

export function createSource(input: SourceInput): Promise<Source> {
  return call('create_source', { input });
}

export function addEvidence(input: EvidenceInput): Promise<Evidence> {
  return call('add_evidence', { input });
}

export function recordVerdict(input: VerdictInput): Promise<Verdict> {
  return call('record_verdict', { input });
}

export function ratingScale(): Promise<RatingScale> {
  return call('rating_scale');
}

/** Moves a claim along the workflow; refused (Validation on `status`) when the move is not allowed. */
export function setStatus(uuid: string, status: ClaimStatus): Promise<ClaimDetail> {
  return call('set_status', { uuid, status });
}

/** Signs off (or withdraws) one checklist item on a claim; the sign-off records who and when. */
export function setCheck(uuid: string, item: string, done: boolean): Promise<ClaimDetail> {
  return call('set_check', { uuid, item, done });
}

export function checklist(): Promise<ChecklistItem[]> {
  return call('checklist');
}

export function setChecklist(items: ChecklistItemInput[]): Promise<ChecklistItem[]> {
  return call('set_checklist', { items });
}

/** Sets the checker's name recorded with every change. */
export function setActor(name: string): Promise<WorkspaceInfo> {
  return call('set_actor', { name });
}

/** Tells the shell the first claim list is on screen (it logs the start-up time). Never fails. */
export async function appReady(): Promise<void> {
  try {
    await invoke('app_ready');
  } catch {
    // Only a start-up measurement; nothing to tell the user.
  }
}

/** True for addresses we hand to the system browser. */
export function isWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Opens an http(s) address in the system browser; anything else is refused. */
export async function openExternal(url: string): Promise<void> {
  if (!isWebUrl(url)) {
    throw new ApiFailure('Validation', 'Only web addresses (http or https) can be opened.', 'url', 'open_url');
  }
  try {
    await openUrl(url);
  } catch (err) {
    const f = toApiFailure(err, 'open_url');
    throw new ApiFailure(f.kind, `Could not open the address in your browser. ${f.message}`, null, 'open_url');
  }
}

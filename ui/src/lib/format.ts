import { LOCKED_STATUSES, STATUS_LABELS } from './api/types';
import type { AnchorState, CaptureInfo, CaptureMethod, ClaimDetail, ClaimStatus, ClaimSummary, Difference, Reliability, Source, SourceKind, SourceSort, Stance } from './api/types';

/** Every status, in workflow order, with the words the desk uses (generated from the core). */
export const STATUSES: readonly { value: ClaimStatus; label: string }[] = (Object.entries(STATUS_LABELS) as [ClaimStatus, string][]).map(
  ([value, label]) => ({ value, label }),
);

export function statusLabel(status: ClaimStatus | string): string {
  return STATUS_LABELS[status as ClaimStatus] ?? String(status).replace(/_/g, ' ');
}

export const STANCES: readonly { value: Stance; label: string }[] = [
  { value: 'supports', label: 'supports' },
  { value: 'refutes', label: 'refutes' },
  { value: 'context', label: 'context' },
];

/** The last path segment, for showing a workspace file by name. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts.length ? parts[parts.length - 1] : path;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An RFC 3339 timestamp as local `YYYY-MM-DD HH:MM`; unparseable input is shown as it came. */
export function formatTimestamp(ts: string | null | undefined): string {
  if (!ts) return '';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An RFC 3339 timestamp as a local `YYYY-MM-DD`. */
export function formatDay(ts: string | null | undefined): string {
  return formatTimestamp(ts).slice(0, 10);
}

/** "a, b ,, c" → ["a", "b", "c"], without duplicates (case-insensitive), order kept. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(',')) {
    const t = raw.trim();
    if (t && !seen.has(t.toLowerCase())) {
      seen.add(t.toLowerCase());
      out.push(t);
    }
  }
  return out;
}

/** Trimmed text, or null when empty (for optional inputs). */
export function orNull(text: string): string | null {
  const t = text.trim();
  return t ? t : null;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The list's count: exact ("12 claims"), or a floor for a very common search ("2,000+ claims"). */
export function claimCount(total: number, exact: boolean): string {
  return exact ? plural(total, 'claim') : `${total.toLocaleString('en-US')}+ claims`;
}

/** Black or white, whichever reads better on the given `#rgb`/`#rrggbb` colour. */
export function textOn(color: string): string {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return '#fff';
  let hex = m[1];
  if (hex.length === 3) hex = hex.replace(/./g, (c) => c + c);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // WCAG contrast against white vs. against near-black; take the better one.
  return 1.05 / (lum + 0.05) >= (lum + 0.05) / 0.05 ? '#fff' : '#1a1a1a';
}

/** Whether a key event came from a place where the user types text. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(type);
  }
  return false;
}

/** Statuses that lock a claim: its wording is fixed and changes to verdict or evidence are corrections. */
export function isLocked(status: ClaimStatus): boolean {
  return LOCKED_STATUSES.includes(status);
}

/** Where a status sits in the working order (archived and corrected sit outside it). */
function stepOf(status: ClaimStatus): number {
  return ['new', 'researching', 'in_review', 'ready', 'published'].indexOf(status);
}

/** The words on the button that moves a claim from `from` to `to`. */
export function statusActionLabel(from: ClaimStatus, to: ClaimStatus): string {
  if (to === 'archived') return 'Archive';
  // A claim published once comes back from the archive published (and locked), never as a draft.
  if (from === 'archived') return to === 'published' ? 'Restore as published' : 'Reopen';
  if (to === 'published') return 'Publish';
  const back = stepOf(to) < stepOf(from);
  if (back) return to === 'in_review' ? 'Send back to review' : `Send back to ${statusLabel(to).toLowerCase()}`;
  switch (to) {
    case 'researching':
      return 'Start research';
    case 'in_review':
      return 'Send to review';
    case 'ready':
      return 'Mark ready';
    default:
      return `Set to ${statusLabel(to).toLowerCase()}`;
  }
}

/** The moves in the order the status bar shows them: forward first, then back, archive last. */
export function orderedMoves(from: ClaimStatus, next: readonly ClaimStatus[]): ClaimStatus[] {
  const rank = (s: ClaimStatus) => (s === 'archived' ? 2 : from === 'archived' || stepOf(s) > stepOf(from) ? 0 : 1);
  return [...next].sort((a, b) => rank(a) - rank(b) || stepOf(b) - stepOf(a));
}

/** The next forward step among the allowed moves (Shift+→), if there is one. */
export function forwardMove(from: ClaimStatus, next: readonly ClaimStatus[]): ClaimStatus | null {
  const fwd = next.filter((s) => s !== 'archived' && (from === 'archived' || stepOf(s) > stepOf(from)));
  fwd.sort((a, b) => stepOf(a) - stepOf(b));
  return fwd[0] ?? null;
}

/** The list row for a claim, from its full detail (after a save, the row follows without a reload). */
export function summaryOf(d: ClaimDetail): ClaimSummary {
  return {
    uuid: d.uuid,
    text: d.text,
    claimant: d.claimant?.name ?? null,
    said_on: d.said_on,
    status: d.status,
    rating: d.verdict?.rating ?? null,
    evidence_count: d.evidence.length,
    updated_at: d.updated_at,
    origin: d.origin,
    worthiness: d.worthiness,
    snippet: null,
    checked_by: d.external_reviews.length ? { publisher: d.external_reviews[0].publisher, rating_text: d.external_reviews[0].rating_text } : null,
  };
}

/** Every kind of source, in the order the forms offer them, with the words the desk uses. */
export const SOURCE_KINDS: readonly { value: SourceKind; label: string }[] = [
  { value: 'primary_document', label: 'Primary document' },
  { value: 'official_statement', label: 'Official statement' },
  { value: 'transcript', label: 'Transcript' },
  { value: 'dataset', label: 'Dataset' },
  { value: 'news_report', label: 'News report' },
  { value: 'social_post', label: 'Social media post' },
  { value: 'other', label: 'Other' },
];

export function kindLabel(kind: SourceKind | string): string {
  return SOURCE_KINDS.find((k) => k.value === kind)?.label ?? String(kind).replace(/_/g, ' ');
}

/** Reliability ratings, best first, then unrated. */
export const RELIABILITIES: readonly { value: Reliability; label: string }[] = [
  { value: 'high', label: 'High reliability' },
  { value: 'medium', label: 'Medium reliability' },
  { value: 'low', label: 'Low reliability' },
  { value: 'unrated', label: 'Unrated' },
];

export function reliabilityLabel(r: Reliability | string): string {
  return RELIABILITIES.find((x) => x.value === r)?.label ?? String(r);
}

export const SOURCE_SORTS: readonly { value: SourceSort; label: string }[] = [
  { value: 'added', label: 'Newest added' },
  { value: 'title', label: 'Title A–Z' },
  { value: 'published', label: 'Newest published' },
  { value: 'cited', label: 'Most cited' },
];

const METHODS: Record<CaptureMethod, string> = { fetch: 'fetched', file: 'from a file', paste: 'pasted' };

export function methodLabel(m: CaptureMethod | string): string {
  return METHODS[m as CaptureMethod] ?? String(m);
}

/** "cited by 1 claim", "cited by 3 claims", "not cited yet"; empty where the count was not read. */
export function citedBy(n: number | null): string {
  if (n === null) return '';
  return n === 0 ? 'not cited yet' : `cited by ${plural(n, 'claim')}`;
}

/** The first 12 hex digits of a SHA-256, enough to tell copies apart on screen. */
export function shortHash(sha: string): string {
  return sha.slice(0, 12);
}

/** A byte count in words a person reads: 512 B, 14.2 KB, 3.1 MB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

/** Whether and when a source was archived, for the list row and the source view. */
export function captureStatus(s: Pick<Source, 'url' | 'latest_capture'>): { state: 'archived' | 'failed' | 'none' | 'no_address'; text: string } {
  const c: CaptureInfo | null = s.latest_capture;
  if (c) {
    if (c.http_status !== null && c.http_status >= 400) return { state: 'failed', text: `HTTP ${c.http_status} on ${formatDay(c.captured_at)}` };
    return { state: 'archived', text: `archived ${formatDay(c.captured_at)}` };
  }
  return s.url ? { state: 'none', text: 'not archived' } : { state: 'no_address', text: 'no web address' };
}

/** How an excerpt stands against the archived copy, in words (the badge). */
export function anchorLabel(state: AnchorState): string {
  switch (state) {
    case 'found':
      return 'found in the archived copy';
    case 'approximate':
      return 'found (approximate)';
    case 'missing':
      return 'not found in the archived copy';
    case 'no_capture':
      return 'no archived copy to check';
    case 'no_excerpt':
      return 'no excerpt';
    default:
      return String(state);
  }
}

const DIFFERENCE_WORDS: Record<Difference, string> = {
  figure: 'another figure',
  direction: 'the opposite direction',
  extreme: 'the opposite extreme',
  bound: 'the opposite bound',
  negation: 'a "not" on one side only',
  name: 'another person or place',
  word: 'other words for what is claimed',
  qualifier: 'a word added',
  roles: 'the roles swapped',
};

/**
 * The words a near match changes, when it is one sentence with a word or two changed or added:
 * "“gun” where yours says “knife”", "it adds “council”", "yours adds “military”"; empty otherwise.
 */
export function changedWords(theirs: readonly string[] = [], yours: readonly string[] = []): string {
  const quote = (ws: readonly string[]) => ws.map((w) => `“${w}”`).join(', ');
  if (theirs.length && yours.length) return `${quote(theirs)} where yours says ${quote(yours)}`;
  if (theirs.length) return `it adds ${quote(theirs)}`;
  if (yours.length) return `yours adds ${quote(yours)}`;
  return '';
}

/** What a near match may state differently: "another figure and the opposite direction". */
export function differenceWords(differs: readonly Difference[]): string {
  const words = [...new Set(differs.map((d) => DIFFERENCE_WORDS[d] ?? d))];
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

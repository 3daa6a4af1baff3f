// The claim list's filters and order: what the query sends, the chips that show them, and how
// they are kept across restarts (localStorage, so a desk's own view comes back as it was left).
import type { ClaimOrigin, ClaimQuery, ClaimSort, ClaimStatus, RatingScale, SnippetField } from './api/types';
import { STATUSES } from './format';

export interface ClaimFilters {
  /** A rating key of the workspace scale. */
  rating: string | null;
  tag: string | null;
  /** Picked from the claimants list: the uuid is what the query sends, the name is for the chip. */
  claimant: { uuid: string; name: string } | null;
  assignee: string | null;
  /** `YYYY-MM-DD`, both ends included. */
  said_from: string | null;
  said_to: string | null;
  origin: ClaimOrigin | null;
}

/** What is remembered: the status filter and the panel's filters, and the order. Never the search. */
export interface SavedView {
  status: ClaimStatus | null;
  filters: ClaimFilters;
  sort: ClaimSort;
}

export const STORAGE_KEY = 'factdesk.claimFilters';

export const NO_FILTERS: Readonly<ClaimFilters> = Object.freeze({
  rating: null,
  tag: null,
  claimant: null,
  assignee: null,
  said_from: null,
  said_to: null,
  origin: null,
});

export const SORTS: readonly { value: ClaimSort; label: string }[] = [
  { value: 'updated', label: 'Recently updated' },
  { value: 'said', label: 'Date said' },
  { value: 'worthiness', label: 'Most check-worthy' },
];

export const ORIGINS: readonly { value: ClaimOrigin; label: string; chip: string }[] = [
  { value: 'desk', label: 'Our own', chip: 'Our own claims' },
  { value: 'imported', label: 'Imported from other publishers', chip: 'Imported claims' },
];

/** Where a search hit was found, as the row's snippet line says it. */
export const SNIPPET_FIELDS: Record<SnippetField, string> = {
  text: 'in claim text',
  summary: 'in summary',
  claimant: 'in claimant',
  source_title: 'in source title',
  excerpt: 'in evidence excerpt',
  rationale: 'in verdict rationale',
};

export function snippetLabel(field: SnippetField | string): string {
  return SNIPPET_FIELDS[field as SnippetField] ?? `in ${String(field).replace(/_/g, ' ')}`;
}

/** The panel's filters as query fields. */
export function filterQuery(f: ClaimFilters): Pick<ClaimQuery, 'rating' | 'tag' | 'claimant' | 'assignee' | 'said_from' | 'said_to' | 'origin'> {
  return {
    rating: f.rating,
    tag: f.tag,
    claimant: f.claimant?.uuid ?? null,
    assignee: f.assignee,
    said_from: f.said_from,
    said_to: f.said_to,
    origin: f.origin,
  };
}

export function activeCount(f: ClaimFilters): number {
  return chips(f, null).length;
}

export type FilterKey = keyof ClaimFilters;

export interface Chip {
  key: FilterKey;
  label: string;
}

/** One chip per filter that is set, in the order the panel shows them. */
export function chips(f: ClaimFilters, scale: RatingScale | null): Chip[] {
  const out: Chip[] = [];
  if (f.rating) out.push({ key: 'rating', label: `Rating: ${scale?.ratings.find((r) => r.key === f.rating)?.label ?? f.rating}` });
  if (f.tag) out.push({ key: 'tag', label: `Tag: ${f.tag}` });
  if (f.claimant) out.push({ key: 'claimant', label: `Claimant: ${f.claimant.name}` });
  if (f.assignee) out.push({ key: 'assignee', label: `Assigned to: ${f.assignee}` });
  if (f.said_from) out.push({ key: 'said_from', label: `Said from ${f.said_from}` });
  if (f.said_to) out.push({ key: 'said_to', label: `Said until ${f.said_to}` });
  if (f.origin) out.push({ key: 'origin', label: ORIGINS.find((o) => o.value === f.origin)?.chip ?? f.origin });
  return out;
}

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** The view saved last time, with anything unreadable dropped (a bad entry never breaks start-up). */
export function loadView(storage: Storage | undefined = globalThis.localStorage): SavedView {
  const view: SavedView = { status: null, filters: { ...NO_FILTERS }, sort: 'updated' };
  let raw: unknown;
  try {
    const text = storage?.getItem(STORAGE_KEY);
    if (!text) return view;
    raw = JSON.parse(text);
  } catch {
    return view;
  }
  if (!raw || typeof raw !== 'object') return view;
  const r = raw as Record<string, unknown>;
  const status = str(r.status);
  if (status && STATUSES.some((s) => s.value === status)) view.status = status as ClaimStatus;
  const sort = str(r.sort);
  if (sort && SORTS.some((s) => s.value === sort)) view.sort = sort as ClaimSort;
  const f = (r.filters && typeof r.filters === 'object' ? r.filters : {}) as Record<string, unknown>;
  view.filters.rating = str(f.rating);
  view.filters.tag = str(f.tag);
  view.filters.assignee = str(f.assignee);
  const from = str(f.said_from);
  const to = str(f.said_to);
  view.filters.said_from = from && isDay(from) ? from : null;
  view.filters.said_to = to && isDay(to) ? to : null;
  const origin = str(f.origin);
  view.filters.origin = origin && ORIGINS.some((o) => o.value === origin) ? (origin as ClaimOrigin) : null;
  const c = f.claimant as Record<string, unknown> | null | undefined;
  const uuid = c && typeof c === 'object' ? str(c.uuid) : null;
  if (uuid) view.filters.claimant = { uuid, name: str(c?.name) ?? 'Unnamed claimant' };
  return view;
}

export function saveView(view: SavedView, storage: Storage | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify({ status: view.status, sort: view.sort, filters: view.filters }));
  } catch {
    // Storage full or switched off: the view simply is not remembered.
  }
}

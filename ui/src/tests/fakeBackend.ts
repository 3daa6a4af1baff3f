// An in-memory stand-in for the Rust commands, behind Tauri's own IPC mock.
import { mockIPC } from '@tauri-apps/api/mocks';
import type {
  AutoBackups,
  AcceptCandidate,
  AddedSource,
  Article,
  ArticlePaste,
  AppearanceInput,
  CaptureInfo,
  ChecklistItem,
  ChecklistItemInput,
  ClaimDetail,
  ClaimStatus,
  ClaimInput,
  ClaimQuery,
  DiffLine,
  EvidenceInput,
  ExcerptAnchor,
  Rating,
  RatingScale,
  SimilarClaim,
  Source,
  SourceDetail,
  SourceInput,
  SourceQuery,
} from '../lib/api/types';

export type Args = Record<string, unknown> | undefined;
export interface Call {
  cmd: string;
  args: Args;
}

export const RATINGS: Rating[] = [
  { key: 'true', label: 'True', description: 'Accurate.', color: '#1b7f3b', value: 6, alternate_name: 'True' },
  { key: 'misleading', label: 'Misleading', description: 'Accurate words, wrong impression.', color: '#e0a800', value: 3, alternate_name: 'Misleading' },
  { key: 'false', label: 'False', description: 'Not accurate.', color: '#c62828', value: 1, alternate_name: 'False' },
];

export const SCALE: RatingScale = {
  uuid: 'scale-1',
  name: 'Desk scale',
  description: '',
  best_rating: 6,
  worst_rating: 1,
  preset: false,
  ratings: RATINGS,
};

export function makeClaim(over: Partial<ClaimDetail> = {}): ClaimDetail {
  return {
    uuid: 'c-1',
    text: 'There are no plans to send US service members to fight in Ukraine.',
    summary: 'Pentagon on troops',
    claimant: { uuid: 'p-1', name: 'Pat Ryder', role: 'Pentagon press secretary', affiliation: null },
    said_on: '2024-02-27',
    said_where: 'Press briefing',
    status: 'researching',
    tags: ['ukraine'],
    language: '',
    context: '',
    assignee: '',
    origin: 'desk',
    worthiness: null,
    published_url: '',
    appearances: [],
    created_at: '2024-02-28T10:00:00Z',
    updated_at: '2024-02-28T10:00:00Z',
    evidence: [],
    verdict: null,
    verdicts: [],
    history: [],
    checklist: [],
    corrections: [],
    next_statuses: ['new', 'in_review', 'archived'],
    publish_blockers: [],
    same_as: [],
    linked_verdict: null,
    linked_verdict_claim: null,
    external_reviews: [],
    ...over,
  };
}

import { summaryOf } from '../lib/format';
export { summaryOf };

export function makeCapture(over: Partial<CaptureInfo> = {}): CaptureInfo {
  return {
    uuid: 'cap-1',
    captured_at: '2024-03-01T09:00:00Z',
    method: 'fetch',
    final_url: 'https://www.defense.gov/briefing',
    http_status: 200,
    content_type: 'text/html; charset=utf-8',
    sha256: 'a3f1c2d4e5b6a7980123456789abcdef0123456789abcdef0123456789abcdef',
    size: 14_532,
    text_sha256: 't-1',
    note: '',
    actor: 'tester',
    ...over,
  };
}

export function makeSource(over: Partial<Source> = {}): Source {
  return {
    uuid: 's-1',
    url: 'https://www.defense.gov/briefing',
    title: 'Pentagon briefing transcript',
    publisher: 'DoD',
    author: '',
    published_on: '2024-02-27',
    accessed_at: null,
    kind: 'transcript',
    reliability: 'unrated',
    reliability_note: '',
    confidential: false,
    created_at: '2024-02-28T00:00:00Z',
    cited_by: 0,
    latest_capture: null,
    ...over,
  };
}

export function makeAnchor(over: Partial<ExcerptAnchor> = {}): ExcerptAnchor {
  return { state: 'no_capture', start: null, end: null, context: null, in_latest: null, ...over };
}

/** What `source_detail` answers for a source beyond the source itself. */
export type SourceExtras = Partial<Omit<SourceDetail, 'source'>>;

type Handler = (args: Args) => unknown;

/** The workflow's moves, as the core has them (src-tauri/core/src/store/workflow.rs). */
export const NEXT: Record<ClaimStatus, ClaimStatus[]> = {
  new: ['researching', 'archived'],
  researching: ['new', 'in_review', 'archived'],
  in_review: ['researching', 'ready', 'archived'],
  ready: ['researching', 'in_review', 'published', 'archived'],
  published: ['archived'],
  corrected: ['archived'],
  archived: ['researching'],
};

export const DEFAULT_CHECKLIST: ChecklistItem[] = [
  { uuid: 'i-1', label: 'Claimant contacted for comment', required: true, rule: null },
  { uuid: 'i-2', label: 'At least two independent sources', required: true, rule: { kind: 'min_publishers', min: 2 } },
  { uuid: 'i-3', label: 'Second reader signed off', required: false, rule: { kind: 'second_reader' } },
];

export function fakeBackend(initial: ClaimDetail[] = [makeClaim()], initialSources: Source[] = [], extras: Record<string, SourceExtras> = {}) {
  // A fresh backend is a fresh start: no claim-list filters remembered from an earlier test.
  globalThis.localStorage?.removeItem('factdesk.claimFilters');
  globalThis.localStorage?.removeItem('factdesk.export.format');
  const calls: Call[] = [];
  const sources = [...initialSources];
  const claims = [...initial];
  const overrides: Record<string, Handler> = {};
  let n = 100;
  let actor = 'tester';
  let items: ChecklistItem[] = DEFAULT_CHECKLIST.map((i) => ({ ...i }));
  const find = (uuid: string) => {
    const c = claims.find((x) => x.uuid === uuid);
    if (!c) throw { kind: 'NotFound', message: 'No such claim.', field: null };
    return c;
  };
  const suggestions: Record<string, SimilarClaim[]> = {};
  const links: { pair: [string, string]; kind: 'same' | 'dismissed' }[] = [];
  const asSimilar = (c: ClaimDetail): SimilarClaim => ({
    uuid: c.uuid,
    text: c.text,
    claimant: c.claimant?.name ?? null,
    status: c.status,
    said_on: c.said_on,
    rating: c.verdict?.rating ?? null,
    score: 1,
    origin: c.origin,
    checked_by: c.external_reviews[0] ? { publisher: c.external_reviews[0].publisher, rating_text: c.external_reviews[0].rating_text } : null,
    differs: [],
    theirs: [],
    yours: [],
  });
  /** Recomputes a claim's confirmed matches and linked verdict from the recorded decisions, as the core does. */
  const relink = (c: ClaimDetail) => {
    const others = links.filter((l) => l.kind === 'same' && l.pair.includes(c.uuid)).map((l) => find(l.pair[0] === c.uuid ? l.pair[1] : l.pair[0]));
    c.same_as = others.map(asSimilar);
    const withVerdict = c.verdict ? undefined : others.find((o) => o.verdict);
    c.linked_verdict = withVerdict?.verdict ?? null;
    c.linked_verdict_claim = withVerdict?.uuid ?? null;
  };
  const link = (args: Args, kind: 'same' | 'dismissed') => {
    const { uuid, other } = args as { uuid: string; other: string };
    if (uuid === other) throw { kind: 'Validation', message: 'A claim cannot be matched with itself.', field: 'other' };
    const [a, b] = [find(uuid), find(other)];
    const known = links.find((l) => l.pair.includes(uuid) && l.pair.includes(other));
    if (known) known.kind = kind;
    else links.push({ pair: [uuid, other], kind });
    relink(a);
    relink(b);
    return a;
  };
  let autoState: AutoBackups = { enabled: true, folder: '/home/desk/.local/share/factdesk/demo backups', kept: [] };
  let publishingState = { desk_name: '', desk_url: '', desk_logo_url: '', publication_url: '' };
  const info = () => ({ path: '/home/desk/.local/share/factdesk/demo.factdesk', claim_count: claims.length, source_count: sources.length, actor, schema_version: 2, read_only: false });

  const handlers: Record<string, Handler> = {
    workspace_info: info,
    // ---- workspaces from the window (tests of the welcome screen replace these) ----
    window_start: () => ({ workspace: (overrides.workspace_info ?? handlers.workspace_info)(undefined), problem: null, recent: [], dropped: [], profile: { checker: actor, desk_name: '', publication_url: '', desk_logo_url: '' } }),
    new_workspace: () => null,
    open_workspace: () => null,
    open_recent_workspace: () => info(),
    open_demo_workspace: () => info(),
    save_profile: () => null,
    publishing: () => ({ ...publishingState }),
    set_publishing: (args) => {
      const p = (args as { publishing: typeof publishingState }).publishing;
      const web = (field: keyof typeof publishingState) => {
        const url = (p[field] ?? '').trim();
        if (url && !/^https?:\/\/\S+$/.test(url)) throw { kind: 'Validation', message: 'Give a web address starting with https:// (or leave it empty).', field };
        return url;
      };
      publishingState = { desk_name: p.desk_name.trim(), desk_url: web('desk_url'), desk_logo_url: web('desk_logo_url'), publication_url: web('publication_url') };
      return { ...publishingState };
    },
    matching_status: () => ({
      model: 'all-MiniLM-L6-v2@test',
      problem: null,
      indexed: 0,
      waiting: 0,
      folder: '/home/desk/.local/share/factdesk/models/all-MiniLM-L6-v2',
      chosen_by: 'default',
      settings_folder: null,
      loading: false,
      download: null,
    }),
    set_actor: (args) => {
      const name = String((args as { name: string }).name).trim();
      if (!name) throw { kind: 'Validation', message: 'Your name cannot be empty: it is recorded with every change.', field: 'actor' };
      actor = name;
      return info();
    },
    checklist: () => items,
    set_checklist: (args) => {
      const input = (args as { items: ChecklistItemInput[] }).items;
      const bad = input.findIndex((i) => !i.label.trim());
      if (bad >= 0) throw { kind: 'Validation', message: `Checklist item ${bad + 1} has no text.`, field: 'label' };
      items = input.map((i) => ({ uuid: i.uuid ?? `i-${++n}`, label: i.label.trim(), required: i.required, rule: i.rule ?? null }));
      return items;
    },
    set_status: (args) => {
      const { uuid, status } = args as { uuid: string; status: ClaimStatus };
      const c = find(uuid);
      if (!c.next_statuses.includes(status)) {
        throw { kind: 'Validation', message: `A ${c.status} claim cannot be set to ${status}.`, field: 'status' };
      }
      c.status = status;
      c.next_statuses = NEXT[status];
      return c;
    },
    set_check: (args) => {
      const { uuid, item, done } = args as { uuid: string; item: string; done: boolean };
      const c = find(uuid);
      c.checklist = c.checklist.map((k) =>
        k.item_uuid === item ? { ...k, done_by: done ? actor : null, done_at: done ? '2024-03-01T09:30:00Z' : null } : k,
      );
      return c;
    },
    rating_scale: () => SCALE,
    // Settings and claimants (tests replace these with `on` when they need more).
    list_scales: () => [SCALE],
    rating_names: () => [],
    auto_backups: () => autoState,
    set_auto_backups: (args) => {
      const { enabled, folder } = args as { enabled: boolean; folder: string | null };
      autoState = { ...autoState, enabled, folder: folder ?? '/home/desk/.local/share/factdesk/demo backups' };
      return autoState;
    },
    choose_backup_folder: () => null,
    list_claimants: () => {
      const by = new Map<string, { uuid: string; name: string; role: string | null; affiliation: string | null; claim_count: number }>();
      for (const c of claims) {
        if (!c.claimant) continue;
        const row = by.get(c.claimant.uuid) ?? { ...c.claimant, claim_count: 0 };
        row.claim_count++;
        by.set(c.claimant.uuid, row);
      }
      return [...by.values()];
    },
    app_ready: () => 1,
    list_claims: (args) => {
      const q = (args as { query: ClaimQuery }).query;
      const words = (q.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      const found = claims.filter((c) => {
        if (q.status && c.status !== q.status) return false;
        const hay = `${c.text} ${c.summary} ${c.claimant?.name ?? ''}`.toLowerCase().split(/\W+/);
        return words.every((w) => hay.some((h) => h.startsWith(w)));
      });
      return { items: found.map(summaryOf), next_cursor: null, total: found.length, total_exact: true };
    },
    get_claim: (args) => {
      const c = claims.find((x) => x.uuid === (args as { uuid: string }).uuid);
      if (!c) throw { kind: 'NotFound', message: 'No such claim.', field: null };
      return c;
    },
    create_claim: (args) => {
      const input = (args as { input: ClaimInput }).input;
      const c = makeClaim({
        uuid: `c-${++n}`,
        text: input.text,
        summary: input.summary,
        claimant: input.claimant ? { uuid: `p-${n}`, name: input.claimant, role: input.claimant_role, affiliation: null } : null,
        said_on: input.said_on,
        said_where: input.said_where,
        status: input.status ?? 'new',
        tags: input.tags,
        language: input.language ?? '',
        context: input.context ?? '',
        assignee: input.assignee ?? '',
      });
      claims.unshift(c);
      return c;
    },
    update_claim: (args) => {
      const { uuid, input } = args as { uuid: string; input: ClaimInput };
      const c = find(uuid);
      Object.assign(c, {
        text: input.text,
        summary: input.summary,
        said_on: input.said_on,
        said_where: input.said_where,
        status: input.status ?? c.status,
        tags: input.tags,
        language: input.language ?? '',
        context: input.context ?? '',
        assignee: input.assignee ?? '',
      });
      return c;
    },
    set_published_url: (args) => {
      const { uuid, url } = args as { uuid: string; url: string };
      const c = find(uuid);
      const u = url.trim();
      if (u && !/^https?:\/\/\S+$/.test(u)) throw { kind: 'Validation', message: `“${u}” is not a web address: give the page's address, starting with https://`, field: 'published_url' };
      c.published_url = u;
      return c;
    },
    // ---- Matches (issue 4): `suggestions[uuid]` are what possible_duplicates offers for a claim. ----
    possible_duplicates: (args) => {
      const uuid = (args as { uuid: string }).uuid;
      find(uuid);
      return (suggestions[uuid] ?? []).filter((s) => !links.some((l) => l.pair.includes(uuid) && l.pair.includes(s.uuid)));
    },
    confirm_match: (args) => link(args, 'same'),
    dismiss_match: (args) => link(args, 'dismissed'),
    list_sources: (args) => {
      const q = (args as { query: SourceQuery }).query;
      const words = (q.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      const found = sources.filter((x) => {
        if (q.kind && x.kind !== q.kind) return false;
        if (q.reliability && x.reliability !== q.reliability) return false;
        const hay = `${x.title} ${x.publisher} ${x.author} ${x.url}`.toLowerCase();
        return words.every((w) => hay.includes(w));
      });
      const by: Record<string, (a: Source, b: Source) => number> = {
        added: (a, b) => b.created_at.localeCompare(a.created_at),
        title: (a, b) => a.title.localeCompare(b.title),
        published: (a, b) => (b.published_on ?? '').localeCompare(a.published_on ?? ''),
        cited: (a, b) => (b.cited_by ?? 0) - (a.cited_by ?? 0),
      };
      return [...found].sort(by[q.sort] ?? by.added);
    },
    create_source: (args) => {
      const input = (args as { input: SourceInput }).input;
      if (!input.title.trim()) throw { kind: 'Validation', message: 'The source needs a title, so it can be cited.', field: 'title' };
      const s = makeSource({ ...input, uuid: `s-${++n}`, created_at: '2024-03-02T10:00:00Z', cited_by: 0, latest_capture: null });
      sources.unshift(s);
      return s;
    },
    update_source: (args) => {
      const { uuid, input } = args as { uuid: string; input: SourceInput };
      const i = sources.findIndex((x) => x.uuid === uuid);
      if (i < 0) throw { kind: 'NotFound', message: 'No such source.', field: null };
      sources[i] = { ...sources[i], ...input };
      return sources[i];
    },
    source_detail: (args) => {
      const uuid = (args as { uuid: string }).uuid;
      const source = sources.find((x) => x.uuid === uuid);
      if (!source) throw { kind: 'NotFound', message: 'No such source.', field: null };
      const more = extras[uuid] ?? {};
      const captures = more.captures ?? (source.latest_capture ? [source.latest_capture] : []);
      return { source, captures, text: more.text ?? '', citations: more.citations ?? [] } satisfies SourceDetail;
    },
    add_source_by_url: (args) => {
      const url = String((args as { url: string }).url);
      const known = sources.find((x) => x.url === url);
      if (known) return { source: known, existing: true, notes: [] } satisfies AddedSource;
      const s = makeSource({ uuid: `s-${++n}`, url, title: `Page at ${url}`, latest_capture: makeCapture({ uuid: `cap-${n}`, final_url: url }) });
      sources.unshift(s);
      return { source: s, existing: false, notes: [] } satisfies AddedSource;
    },
    recapture_source: (args) => {
      const uuid = (args as { uuid: string }).uuid;
      const source = sources.find((x) => x.uuid === uuid);
      if (!source) throw { kind: 'NotFound', message: 'No such source.', field: null };
      const c = makeCapture({ uuid: `cap-${++n}`, captured_at: '2024-03-05T12:00:00Z', text_sha256: `t-${n}` });
      const more = (extras[uuid] ??= {});
      more.captures = [c, ...(more.captures ?? (source.latest_capture ? [source.latest_capture] : []))];
      source.latest_capture = c;
      return c;
    },
    diff_captures: (): DiffLine[] => [],
    capture_text: () => '',
    add_evidence: (args) => {
      const input = (args as { input: EvidenceInput }).input;
      const source = sources.find((x) => x.uuid === input.source_uuid) ?? makeSource({ uuid: input.source_uuid });
      const ev = { uuid: `e-${++n}`, source, excerpt: input.excerpt, stance: input.stance, note: input.note, created_at: '2024-03-02T10:00:00Z', capture: source.latest_capture, anchor: makeAnchor() };
      find(input.claim_uuid).evidence.push(ev);
      return ev;
    },
    add_appearance: (args) => {
      const { claimUuid, input } = args as { claimUuid: string; input: AppearanceInput };
      const c = find(claimUuid);
      if (!input.url && !input.outlet) throw { kind: 'Validation', message: 'Say where the claim appeared.', field: 'outlet' };
      const first = input.is_first || !c.appearances.some((a) => a.is_first);
      const a = { uuid: `a-${++n}`, url: input.url, outlet: input.outlet, medium: input.medium, appeared_on: input.appeared_on ?? null, is_first: first, source_uuid: input.source_uuid ?? null };
      c.appearances = [...c.appearances.map((x) => (first ? { ...x, is_first: false } : x)), a].sort((x, y) => Number(y.is_first) - Number(x.is_first));
      return c;
    },
    remove_appearance: (args) => {
      const uuid = (args as { uuid: string }).uuid;
      const c = claims.find((x) => x.appearances.some((a) => a.uuid === uuid));
      if (!c) throw { kind: 'NotFound', message: 'No such appearance.', field: null };
      c.appearances = c.appearances.filter((a) => a.uuid !== uuid);
      return c;
    },
    // ---- Articles (issue 5); tests give the article itself with `on('import_article_text', …)`. ----
    import_article_text: (args) => {
      const paste = (args as { paste: ArticlePaste }).paste;
      if (!paste.text.trim()) throw { kind: 'Validation', message: "Paste the article's text first: there is nothing to read.", field: 'text' };
      const source = makeSource({ uuid: `s-${++n}`, url: paste.url, title: paste.title || paste.text.split('\n')[0], publisher: paste.publisher });
      sources.unshift(source);
      return { source, capture_uuid: `cap-${n}`, text: paste.text, candidates: [], existing: false, notes: [] } satisfies Article;
    },
    import_article_file: () => null,
    import_article_url: () => {
      throw { kind: 'Network', message: 'The server did not answer within 20 seconds.', field: null };
    },
    article: () => {
      throw { kind: 'NotFound', message: 'No such article.', field: null };
    },
    accept_candidate: (args) => {
      const input = (args as { input: AcceptCandidate }).input;
      const c = makeClaim({
        uuid: `c-${++n}`,
        text: input.text || 'Candidate text',
        claimant: input.claimant ? { uuid: `p-${n}`, name: input.claimant, role: input.claimant_role ?? null, affiliation: null } : null,
        status: 'new',
        tags: input.tags,
      });
      claims.unshift(c);
      return c;
    },
    reject_candidate: () => null,
    // ---- the desk: a workspace not on one (tests of the desk replace these) ----
    desk_status: () => null,
    desk_drafts: () => [],
    desk_conflicts: () => [],
    reopen_candidate: () => null,
    similar_claims: (): SimilarClaim[] => [],
    cancel_article_import: () => null,
    candidates_similar: (args) => (args as { asks: [string, string | null][] }).asks.map((): SimilarClaim[] => []),
    // ---- end of articles ----
  };

  mockIPC((cmd, args) => {
    calls.push({ cmd, args: args as Args });
    const h = overrides[cmd] ?? handlers[cmd];
    if (!h) throw { kind: 'NotFound', message: `The fake backend has no ${cmd}.`, field: null };
    return h(args as Args);
    // Events (`listen`, `emit`) are the mock's own: a test sends a backend event with `emit`.
  }, { shouldMockEvents: true });

  return {
    calls,
    claims,
    sources,
    /** What possible_duplicates offers per claim uuid (confirmed and dismissed pairs are left out). */
    suggestions,
    /** Replaces one command's behaviour. */
    on(cmd: string, h: Handler) {
      overrides[cmd] = h;
    },
    callsOf(cmd: string) {
      return calls.filter((c) => c.cmd === cmd);
    },
  };
}

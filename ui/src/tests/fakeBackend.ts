// An in-memory stand-in for the Rust commands, behind Tauri's own IPC mock.
import { mockIPC } from '@tauri-apps/api/mocks';
import type {
  ChecklistItem,
  ChecklistItemInput,
  ClaimDetail,
  ClaimStatus,
  ClaimInput,
  ClaimQuery,
  Rating,
  RatingScale,
  Source,
} from '../lib/api/types';

export type Args = Record<string, unknown> | undefined;
export interface Call {
  cmd: string;
  args: Args;
}

export const RATINGS: Rating[] = [
  { key: 'true', label: 'True', description: 'Accurate.', color: '#1b7f3b', value: 6 },
  { key: 'misleading', label: 'Misleading', description: 'Accurate words, wrong impression.', color: '#e0a800', value: 3 },
  { key: 'false', label: 'False', description: 'Not accurate.', color: '#c62828', value: 1 },
];

export const SCALE: RatingScale = { uuid: 'scale-1', name: 'Desk scale', description: '', ratings: RATINGS };

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
    ...over,
  };
}

import { summaryOf } from '../lib/format';
export { summaryOf };

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
  { uuid: 'i-1', label: 'Claimant contacted for comment', required: true },
  { uuid: 'i-2', label: 'At least two independent sources', required: true },
  { uuid: 'i-3', label: 'Second reader signed off', required: false },
];

export function fakeBackend(initial: ClaimDetail[] = [makeClaim()], sources: Source[] = []) {
  const calls: Call[] = [];
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
  const info = () => ({ path: '/home/desk/.local/share/factdesk/demo.factdesk', claim_count: claims.length, source_count: sources.length, actor, schema_version: 2 });

  const handlers: Record<string, Handler> = {
    workspace_info: info,
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
      items = input.map((i) => ({ uuid: i.uuid ?? `i-${++n}`, label: i.label.trim(), required: i.required }));
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
      });
      claims.unshift(c);
      return c;
    },
    list_sources: () => sources,
  };

  mockIPC((cmd, args) => {
    calls.push({ cmd, args: args as Args });
    const h = overrides[cmd] ?? handlers[cmd];
    if (!h) throw { kind: 'NotFound', message: `The fake backend has no ${cmd}.`, field: null };
    return h(args as Args);
  });

  return {
    calls,
    claims,
    /** Replaces one command's behaviour. */
    on(cmd: string, h: Handler) {
      overrides[cmd] = h;
    },
    callsOf(cmd: string) {
      return calls.filter((c) => c.cmd === cmd);
    },
  };
}

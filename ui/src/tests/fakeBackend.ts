// An in-memory stand-in for the Rust commands, behind Tauri's own IPC mock.
import { mockIPC } from '@tauri-apps/api/mocks';
import type {
  ClaimDetail,
  ClaimInput,
  ClaimQuery,
  ClaimSummary,
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

export function summaryOf(c: ClaimDetail): ClaimSummary {
  return {
    uuid: c.uuid,
    text: c.text,
    claimant: c.claimant?.name ?? null,
    said_on: c.said_on,
    status: c.status,
    rating: c.verdict?.rating ?? null,
    evidence_count: c.evidence.length,
    updated_at: c.updated_at,
  };
}

type Handler = (args: Args) => unknown;

export function fakeBackend(initial: ClaimDetail[] = [makeClaim()], sources: Source[] = []) {
  const calls: Call[] = [];
  const claims = [...initial];
  const overrides: Record<string, Handler> = {};
  let n = 100;

  const handlers: Record<string, Handler> = {
    workspace_info: () => ({ path: '/home/desk/.local/share/factdesk/demo.factdesk', claim_count: claims.length, source_count: sources.length, actor: 'tester', schema_version: 1 }),
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
      return { items: found.map(summaryOf), next_cursor: null, total: found.length };
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

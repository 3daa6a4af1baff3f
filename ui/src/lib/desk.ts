// The desk (issue 14) in words: the top bar's line, the times, and a conflict's field.
import type { DeskConflict, DeskReplica, DeskStatus } from './api/types';
import { formatTimestamp, plural } from './format';

const pad = (n: number) => String(n).padStart(2, '0');

/** A time as `12:03` when it is today (local time), else `2026-03-04 12:03`; '' when there is none. */
export function clockTime(ts: string | null | undefined, now: Date = new Date()): string {
  if (!ts) return '';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  const today = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  return today ? `${pad(d.getHours())}:${pad(d.getMinutes())}` : formatTimestamp(ts);
}

/** When this copy last synced with the desk, if ever. */
export function lastSync(s: DeskStatus): string | null {
  return s.link.last_pull ?? s.link.last_push ?? null;
}

export type DeskTone = 'ok' | 'offline' | 'attention';

/** The top bar's line: `desk: synced 12:03`, `desk: offline, 3 waiting`, `desk: synced 12:03, 1 refused`. */
export function deskLine(s: DeskStatus, now: Date = new Date()): { text: string; tone: DeskTone; title: string } {
  const l = s.link;
  const synced = lastSync(s);
  const parts = [s.reachable ? (synced ? `synced ${clockTime(synced, now)}` : 'not synced yet') : 'offline'];
  if (l.outbox > 0) parts.push(`${l.outbox} waiting`);
  if (l.drafts > 0) parts.push(`${l.drafts} refused`);
  if (l.conflicts > 0) parts.push(plural(l.conflicts, 'conflict'));
  const tone: DeskTone = !s.reachable ? 'offline' : l.drafts > 0 || l.conflicts > 0 ? 'attention' : 'ok';
  const title = [
    `On the desk ${l.url} as ${l.role}.`,
    s.reachable ? (synced ? `Last synced ${formatTimestamp(synced)}.` : 'Not synced yet.') : 'The desk cannot be reached right now; your changes wait here and go when it can.',
    l.outbox > 0 ? `${plural(l.outbox, 'change')} made here ${l.outbox === 1 ? 'waits' : 'wait'} to be sent.` : '',
    l.drafts > 0 ? `The desk refused ${plural(l.drafts, 'change')} made here (kept as ${l.drafts === 1 ? 'a draft' : 'drafts'}).` : '',
    l.conflicts > 0 ? `${plural(l.conflicts, 'field')} edited by two checkers while apart: the later change is kept.` : '',
    !s.reachable && l.last_error ? l.last_error : '',
    'Open Settings → Desk for more.',
  ];
  return { text: `desk: ${parts.join(', ')}`, tone, title: title.filter(Boolean).join(' ') };
}

/** One copy of the workspace on the desk: who, and whether connected or when last seen. */
export function replicaLine(r: DeskReplica, now: Date = new Date()): string {
  const who = r.name && r.name !== r.role ? `${r.role} (${r.name})` : r.role;
  return r.connected ? `${who}: connected now` : `${who}: last seen ${clockTime(r.last_seen, now) || 'never'}`;
}

/** Whether a failure to reach the desk was about the role's password (so asking for one helps). */
export function needsPassword(error: string | null | undefined): boolean {
  return Boolean(error && /password/i.test(error));
}

const FIELD_WORDS: Record<string, string> = {
  text: 'Wording',
  summary: 'Summary',
  claimant_id: 'Claimant',
  said_on: 'Said on',
  said_where: 'Where',
  status: 'Status',
  language: 'Language',
  context: 'Context',
  assignee: 'Assigned to',
  worthiness: 'Check-worthiness',
};

/** A claim's field as the claim view names it (`said_where` → `Where`). */
export function fieldLabel(field: string): string {
  return FIELD_WORDS[field] ?? field.replace(/_id$/, '').replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** A field's value as shown in a conflict: the text itself, or that it was empty. */
export function conflictValue(value: string | null): { text: string; empty: boolean } {
  return value === null || value.trim() === '' ? { text: 'empty', empty: true } : { text: value, empty: false };
}

/** The sentence of one conflict: `Summary: bob's change is kept, alice's replaced.` */
export function conflictSentence(c: DeskConflict): string {
  const same = c.kept_by === c.replaced_by;
  return same
    ? `${fieldLabel(c.field)}: edited twice by ${c.kept_by} while apart; the later change is kept.`
    : `${fieldLabel(c.field)}: ${c.kept_by} and ${c.replaced_by} both changed it while apart; the later change, ${c.kept_by}'s, is kept.`;
}

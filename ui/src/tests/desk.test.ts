import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { emit } from '@tauri-apps/api/event';
import App from '../App.svelte';
import DeskNotice from '../lib/components/DeskNotice.svelte';
import DeskPanel from '../lib/components/DeskPanel.svelte';
import { clockTime, conflictSentence, conflictValue, deskLine, fieldLabel, needsPassword, replicaLine } from '../lib/desk';
import type { DeskConflict, DeskDraft, DeskStatus, SyncReport } from '../lib/api/types';
import { fakeBackend, makeClaim } from './fakeBackend';

/** Local times, so the expectations hold in any time zone. */
const NOW = new Date(2026, 2, 4, 15, 30);
const at = (h: number, m: number, day = 4) => new Date(2026, 2, day, h, m).toISOString();

function makeStatus(over: Partial<DeskStatus> = {}, link: Partial<DeskStatus['link']> = {}): DeskStatus {
  return {
    reachable: true,
    problem: null,
    head: 42,
    desk_claims: 6,
    schema: 2,
    upgrade_pending: false,
    replicas: [
      { id: 'r-editor', role: 'factdesk_admin', name: 'editor', last_seen: at(15, 29), connected: true },
      { id: 'r-alice', role: 'alice', name: 'alice', last_seen: at(12, 1), connected: false },
    ],
    ...over,
    link: {
      desk_id: 'desk-1',
      url: 'postgres://factdesk_admin@127.0.0.1:5432/postgres',
      replica_id: 'r-1',
      role: 'factdesk_admin',
      cursor: 42,
      joined_at: at(9, 0),
      last_push: at(11, 0),
      last_pull: at(12, 3),
      last_error: null,
      outbox: 0,
      drafts: 0,
      conflicts: 0,
      ...link,
    },
  };
}

const CONFLICT: DeskConflict = {
  id: 7,
  claim_uuid: 'c-1',
  field: 'summary',
  kept: 'Bob: passed the Senate, stalled in the House.',
  kept_by: 'bob',
  replaced: 'Alice: stalled in the House.',
  replaced_by: 'alice',
  at: at(12, 5),
};

const DRAFT: DeskDraft = {
  id: 3,
  claim_uuid: 'c-1',
  reason: 'Publishing needs a second reader: every sign-off is by alice, who wrote the verdict.',
  at: at(12, 6),
  changes: 2,
  what: 'the claim: status; history: 1 new or removed',
};

const REPORT: SyncReport = { pushed: 1, refused: [], pulled: 3, conflicts: 0, problems: [], cursor: 45, password_kept: null };

describe('the desk in words', () => {
  it('says when the last sync was: the time today, the date otherwise', () => {
    expect(clockTime(at(12, 3), NOW)).toBe('12:03');
    expect(clockTime(at(9, 7, 2), NOW)).toBe('2026-03-02 09:07');
    expect(clockTime(null, NOW)).toBe('');
  });

  it('makes the top bar line: synced, offline with what waits, refused and conflicts', () => {
    expect(deskLine(makeStatus(), NOW)).toMatchObject({ text: 'desk: synced 12:03', tone: 'ok' });
    const offline = deskLine(makeStatus({ reachable: false }, { outbox: 3, last_error: 'The desk could not be reached: connection refused' }), NOW);
    expect(offline).toMatchObject({ text: 'desk: offline, 3 waiting', tone: 'offline' });
    expect(offline.title).toContain('3 changes made here wait to be sent.');
    expect(offline.title).toContain('connection refused');
    expect(deskLine(makeStatus({}, { drafts: 1 }), NOW)).toMatchObject({ text: 'desk: synced 12:03, 1 refused', tone: 'attention' });
    expect(deskLine(makeStatus({}, { conflicts: 2 }), NOW).text).toBe('desk: synced 12:03, 2 conflicts');
    expect(deskLine(makeStatus({}, { last_pull: null, last_push: null }), NOW).text).toBe('desk: not synced yet');
  });

  it('says who has a copy, and whether connected now', () => {
    const [editor, alice] = makeStatus().replicas;
    expect(replicaLine(editor, NOW)).toBe('factdesk_admin (editor): connected now');
    expect(replicaLine(alice, NOW)).toBe('alice: last seen 12:01');
  });

  it('names a conflict’s field and its values as the claim view does', () => {
    expect(fieldLabel('said_where')).toBe('Where');
    expect(fieldLabel('claimant_id')).toBe('Claimant');
    expect(fieldLabel('some_new_field')).toBe('Some new field');
    expect(conflictValue(null)).toEqual({ text: 'empty', empty: true });
    expect(conflictValue('  ')).toEqual({ text: 'empty', empty: true });
    expect(conflictValue('x')).toEqual({ text: 'x', empty: false });
    expect(conflictSentence(CONFLICT)).toBe("Summary: bob and alice both changed it while apart; the later change, bob's, is kept.");
  });

  it('asks for a password only when the desk turned the password away', () => {
    expect(needsPassword('The desk did not accept this role and password (password authentication failed for user "alice").')).toBe(true);
    expect(needsPassword('The desk could not be reached: connection refused')).toBe(false);
    expect(needsPassword(null)).toBe(false);
  });
});

describe('the desk notice on a claim', () => {
  it('shows the field, both values and who, and that the later change is kept', async () => {
    const backend = fakeBackend([makeClaim()]);
    backend.on('desk_conflicts', () => [CONFLICT]);
    render(DeskNotice, { claim: makeClaim() });
    const notice = await screen.findByTestId('desk-conflicts');
    expect(notice).toHaveTextContent('Edited by two checkers while apart');
    expect(notice).toHaveTextContent('The later change is kept');
    const item = within(notice).getByTestId('desk-conflict');
    expect(item).toHaveTextContent('Summary');
    expect(within(item).getByTestId('desk-conflict-kept')).toHaveTextContent('Bob: passed the Senate');
    expect(within(item).getByTestId('desk-conflict-kept')).toHaveAttribute('dir', 'auto');
    expect(within(item).getByTestId('desk-conflict-replaced')).toHaveTextContent('Alice: stalled in the House.');
    expect(item).toHaveTextContent('Kept · bob');
    expect(item).toHaveTextContent('Replaced · alice');
    expect(screen.queryByTestId('desk-drafts')).toBeNull();
    expect(backend.callsOf('desk_conflicts')[0].args).toEqual({ claimUuid: 'c-1' });
  });

  it('dismisses a conflict notice (the history keeps it)', async () => {
    const backend = fakeBackend([makeClaim()]);
    backend.on('desk_conflicts', () => [CONFLICT]);
    backend.on('desk_dismiss_conflict', () => null);
    render(DeskNotice, { claim: makeClaim() });
    const notice = await screen.findByTestId('desk-conflicts');
    within(notice).getByTestId('desk-conflict-dismiss').click();
    await waitFor(() => expect(screen.queryByTestId('desk-conflicts')).toBeNull());
    expect(backend.callsOf('desk_dismiss_conflict')[0].args).toEqual({ id: CONFLICT.id });
  });

  it('shows a change the desk refused, with its reason', async () => {
    const backend = fakeBackend([makeClaim()]);
    backend.on('desk_drafts', () => [DRAFT]);
    render(DeskNotice, { claim: makeClaim() });
    const notice = await screen.findByTestId('desk-drafts');
    expect(notice).toHaveTextContent('A change refused by the desk');
    expect(within(notice).getByTestId('desk-draft-reason')).toHaveTextContent('Publishing needs a second reader');
    expect(notice).toHaveTextContent('2 changes');
    expect(screen.queryByTestId('desk-conflicts')).toBeNull();
  });

  it('shows nothing on a workspace not on a desk, or when the notice cannot be read', async () => {
    const backend = fakeBackend([makeClaim()]);
    backend.on('desk_drafts', () => {
      throw { kind: 'Storage', message: 'The workspace could not be read.', field: null };
    });
    render(DeskNotice, { claim: makeClaim() });
    await waitFor(() => expect(backend.callsOf('desk_drafts')).toHaveLength(1));
    expect(screen.queryByTestId('desk-conflicts')).toBeNull();
    expect(screen.queryByTestId('desk-drafts')).toBeNull();
  });
});

describe('Settings → Desk', () => {
  it('offers to join when the workspace is not on a desk, and says a refusal plainly', async () => {
    const backend = fakeBackend([]);
    backend.on('desk_join', () => {
      throw {
        kind: 'Conflict',
        message: 'The desk did not accept this role and password (password authentication failed for user "alice"). Check the address, or the password in your password file.',
        field: null,
      };
    });
    render(DeskPanel);
    const form = await screen.findByTestId('desk-join-form');
    expect(form).toHaveTextContent('Never written to the workspace');
    expect(form).toHaveTextContent('system keyring');
    await userEvent.click(screen.getByTestId('desk-join'));
    expect(await screen.findByTestId('desk-error')).toHaveTextContent('Give the desk’s address');
    expect(screen.getByTestId('desk-url')).toHaveAttribute('aria-invalid', 'true');
    expect(backend.callsOf('desk_join')).toHaveLength(0);
    await userEvent.type(screen.getByTestId('desk-url'), 'postgres://alice@db.example/factcheck');
    await userEvent.type(screen.getByTestId('desk-password'), 'wrong');
    await userEvent.click(screen.getByTestId('desk-join'));
    await waitFor(() => expect(screen.getByTestId('desk-error')).toHaveTextContent('did not accept this role and password'));
    // The password was refused, not the address: the address field is not marked.
    expect(screen.getByTestId('desk-url')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByTestId('desk-error')).not.toHaveTextContent(/\bat .+:\d+/);
    expect(backend.callsOf('desk_join')[0].args).toEqual({ url: 'postgres://alice@db.example/factcheck', password: 'wrong' });
  });

  it('joins, then shows the desk', async () => {
    const backend = fakeBackend([]);
    let joined = false;
    backend.on('desk_status', () => (joined ? makeStatus({}, { role: 'alice' }) : null));
    backend.on('desk_join', () => {
      joined = true;
      return { ...REPORT, password_kept: 'in the system keyring' };
    });
    const onjoined = vi.fn();
    render(DeskPanel, { onjoined });
    await userEvent.type(await screen.findByTestId('desk-url'), 'postgres://alice@db.example/factcheck');
    await userEvent.click(screen.getByTestId('desk-join'));
    expect(await screen.findByTestId('desk-role')).toHaveTextContent('alice');
    // The desk's checklist replaced the workspace's: Settings shows it anew.
    expect(onjoined).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('desk-done')).toHaveTextContent('Joined the desk: sent 1 change, received 3 changes. The password is kept in the system keyring.');
    expect(backend.callsOf('desk_join')[0].args).toEqual({ url: 'postgres://alice@db.example/factcheck', password: null });
  });

  it('shows the desk, who has a copy, and syncs now', async () => {
    const backend = fakeBackend([]);
    backend.on('desk_status', () => makeStatus({}, { outbox: 2, drafts: 1 }));
    backend.on('desk_drafts', () => [DRAFT]);
    backend.on('desk_sync', () => ({ ...REPORT, refused: ['Publishing needs a second reader.'] }));
    render(DeskPanel);
    expect(await screen.findByTestId('desk-address')).toHaveTextContent('postgres://factdesk_admin@127.0.0.1:5432/postgres');
    expect(screen.getByTestId('desk-waiting')).toHaveTextContent('2 changes');
    expect(screen.getByTestId('desk-refused')).toHaveTextContent('1 change (kept here as drafts)');
    const replicas = screen.getAllByTestId('desk-replica').map((r) => r.textContent);
    expect(replicas).toEqual([expect.stringContaining('factdesk_admin (editor): connected now'), expect.stringContaining('alice: last seen')]);
    expect(screen.getByTestId('desk-draft-list')).toHaveTextContent('Publishing needs a second reader');
    await userEvent.click(screen.getByTestId('desk-sync-now'));
    await waitFor(() => expect(screen.getByTestId('desk-done')).toHaveTextContent('Synced: sent 1 change, received 3 changes; 1 change refused by the desk'));
    expect(backend.callsOf('desk_sync')[0].args).toEqual({ password: null });
    expect(screen.queryByTestId('desk-upgrade-pending')).toBeNull();
  });

  it('says when the desk still checks an earlier version’s rules', async () => {
    const backend = fakeBackend([]);
    backend.on('desk_status', () => makeStatus({ schema: 1, upgrade_pending: true }));
    render(DeskPanel);
    expect(await screen.findByTestId('desk-upgrade-pending')).toHaveTextContent(
      'older than this Factdesk’s (the desk checks its earlier publish rules until its owner next syncs, which upgrades it)',
    );
  });

  it('asks for the password when the desk turned it away, and sends it with Sync now', async () => {
    const backend = fakeBackend([]);
    backend.on('desk_status', () =>
      makeStatus({ reachable: false, replicas: [] }, { last_error: 'The desk did not accept this role and password (password authentication failed).' }),
    );
    backend.on('desk_sync', () => REPORT);
    render(DeskPanel);
    expect(await screen.findByTestId('desk-offline')).toHaveTextContent('cannot be reached');
    expect(screen.getByTestId('desk-last-error')).toHaveTextContent('did not accept this role and password');
    await userEvent.type(screen.getByTestId('desk-password'), 'pw-alice');
    await userEvent.click(screen.getByTestId('desk-sync-now'));
    await waitFor(() => expect(backend.callsOf('desk_sync')).toHaveLength(1));
    expect(backend.callsOf('desk_sync')[0].args).toEqual({ password: 'pw-alice' });
  });

  it('leaves only when asked twice, and says when changes would stay behind', async () => {
    const backend = fakeBackend([]);
    backend.on('desk_status', () => makeStatus({}, { outbox: 3 }));
    backend.on('desk_leave', () => null);
    render(DeskPanel);
    await userEvent.click(await screen.findByTestId('desk-leave'));
    const confirm = screen.getByTestId('desk-leave-confirm');
    expect(confirm).toHaveTextContent('3 changes made here are not on the desk yet');
    expect(backend.callsOf('desk_leave')).toHaveLength(0);
    await userEvent.click(within(confirm).getByTestId('desk-leave-confirm-button'));
    await waitFor(() => expect(screen.getByTestId('desk-done')).toHaveTextContent('has left the desk'));
    expect(backend.callsOf('desk_leave')[0].args).toEqual({ dropUnsent: true });
    expect(screen.getByTestId('desk-join-form')).toBeInTheDocument();
  });

  it('follows the app’s syncs while open', async () => {
    fakeBackend([]).on('desk_status', () => makeStatus());
    const { rerender } = render(DeskPanel, { live: undefined });
    await waitFor(() => expect(screen.getByTestId('desk-waiting')).toHaveTextContent('0 changes'));
    await rerender({ live: makeStatus({ reachable: false }, { outbox: 4 }) });
    await waitFor(() => expect(screen.getByTestId('desk-waiting')).toHaveTextContent('4 changes'));
    expect(screen.getByTestId('desk-offline')).toBeInTheDocument();
  });
});

describe('the desk in the top bar', () => {
  it('shows the desk’s line from the app’s word, hides it off a desk, and opens Settings at the desk', async () => {
    const backend = fakeBackend([makeClaim()]);
    backend.on('desk_status', () => makeStatus());
    render(App);
    await waitFor(() => expect(screen.getAllByTestId('claim-row')).toHaveLength(1));
    expect(screen.queryByTestId('desk-indicator')).toBeNull();
    await emit('desk-status', makeStatus({ reachable: false }, { outbox: 3 }));
    await waitFor(() => expect(screen.getByTestId('desk-indicator')).toHaveTextContent('desk: offline, 3 waiting'));
    await userEvent.click(screen.getByTestId('desk-indicator'));
    expect(await screen.findByTestId('desk-panel')).toBeInTheDocument();
    await emit('desk-status', null);
    await waitFor(() => expect(screen.queryByTestId('desk-indicator')).toBeNull());
  });

  it('shows a claim another checker added, when the desk says so', async () => {
    const backend = fakeBackend([makeClaim()]);
    render(App);
    await waitFor(() => expect(screen.getAllByTestId('claim-row')).toHaveLength(1));
    backend.claims.push(makeClaim({ uuid: 'c-9', text: 'Pulled from the desk.' }));
    await emit('workspace-changed', 'the desk');
    await waitFor(() => expect(screen.getAllByTestId('claim-row')).toHaveLength(2));
  });
});

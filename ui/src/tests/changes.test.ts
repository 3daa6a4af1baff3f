// Issue 17, item 1: every change to the workspace, made anywhere, shows in every list without a
// manual refresh; bursts of changes make a bounded number of reloads; the reader's place and an
// unsaved form survive a reload.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { emit } from '@tauri-apps/api/event';
import App from '../App.svelte';
import ClaimList, { keptScroll } from '../lib/components/ClaimList.svelte';
import { ChangeBus, EVERYTHING, WRITES, changes, type ChangeKind } from '../lib/changes';
import { restoreWorkspace, setStatus } from '../lib/api';
import { rowOffsets } from '../lib/virtual';
import commandsSource from '../lib/api/commands.ts?raw';
import { fakeBackend, makeClaim, makeSource, summaryOf } from './fakeBackend';
import type { AcceptCandidate, Article, ArticleCandidate, ArticlePaste, ClaimSummary, DataImportPreview, ImportReport } from '../lib/api/types';

afterEach(() => {
  vi.useRealTimers();
});

const rows = () => screen.queryAllByTestId('claim-row').map((r) => r.querySelector('.claim-row-text')?.textContent);

describe('the change bus', () => {
  it('has a say for every command the backend has (a new command must be classed as a read or a write)', () => {
    const names = [...commandsSource.matchAll(/call<[^>]*>\('([a-z_]+)'/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(50);
    expect(Object.keys(WRITES).sort()).toEqual([...new Set(names)].sort());
    // The writes that bring rows from elsewhere change everything.
    expect(WRITES.commit_data_import).toEqual(EVERYTHING);
    expect(WRITES.restore_workspace).toEqual(EVERYTHING);
    expect(WRITES.accept_candidate).toEqual(expect.arrayContaining(['claims', 'claimants', 'sources']));
    expect(WRITES.list_claims).toBeNull();
  });

  it('tells each subscriber once per burst, with the kinds merged, and only of kinds it asked for', () => {
    vi.useFakeTimers();
    const bus = new ChangeBus(100);
    const claims = vi.fn();
    const scale = vi.fn();
    bus.subscribe(['claims'], claims);
    bus.subscribe(['scale'], scale);
    for (let i = 0; i < 50; i++) bus.announce(i % 2 ? ['claims'] : ['sources']);
    expect(claims).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(claims).toHaveBeenCalledTimes(1);
    expect([...(claims.mock.calls[0][0] as Set<ChangeKind>)].sort()).toEqual(['claims', 'sources']);
    expect(scale).not.toHaveBeenCalled();
  });

  it('gets a steady stream through every interval instead of waiting for it to stop', () => {
    vi.useFakeTimers();
    const bus = new ChangeBus(100);
    const seen = vi.fn();
    bus.subscribe(['claims'], seen);
    // One notice every 10 ms for a second: a debounce would never fire; this fires every 100 ms.
    for (let t = 0; t < 1000; t += 10) {
      bus.announce(['claims']);
      vi.advanceTimersByTime(10);
    }
    expect(seen.mock.calls.length).toBeGreaterThanOrEqual(9);
    expect(seen.mock.calls.length).toBeLessThanOrEqual(11);
  });

  it('keeps telling the other views when one of them fails', () => {
    const bus = new ChangeBus(100);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const after = vi.fn();
    bus.subscribe(['claims'], () => {
      throw new Error('boom');
    });
    bus.subscribe(['claims'], after);
    bus.announce(['claims']);
    bus.flush();
    expect(after).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });

  it('a stopped subscription hears nothing more', () => {
    const bus = new ChangeBus(100);
    const seen = vi.fn();
    const stop = bus.subscribe(['claims'], seen);
    stop();
    bus.announce(['claims']);
    bus.flush();
    expect(seen).not.toHaveBeenCalled();
  });
});

// ---- An article's candidates, accepted in Import, show on the Claims screen with no other action ----

const TEXT = [
  'Pentagon Press Secretary Major General Pat Ryder said: “There are no plans to send US troops to fight in Ukraine.”',
  'Congress has yet to pass a $60 billion aid package for Ukraine.',
].join('\n');

function cand(text: string, score: number): ArticleCandidate {
  const at = TEXT.indexOf(text);
  return {
    candidate: { text, kind: 'factual', speaker: null, speaker_role: null, score, reasons: [], start: at, end: at + text.length },
    similar: [],
    matched: true,
    decision: null,
    claim_uuid: null,
    count: 1,
    repeats: [],
    wording: text,
  };
}

function article(paste: ArticlePaste): Article {
  return {
    source: makeSource({ uuid: 's-9', title: paste.title || 'Briefing', url: paste.url }),
    capture_uuid: 'cap-9',
    text: paste.text,
    candidates: [cand('There are no plans to send US troops to fight in Ukraine.', 0.9), cand('Congress has yet to pass a $60 billion aid package for Ukraine.', 0.8)],
    existing: false,
    notes: [],
  };
}

describe('lists follow the workspace', () => {
  it('after accepting two candidates in Import, the Claims screen lists them with no other action', async () => {
    const backend = fakeBackend([]);
    backend.on('import_article_text', (args) => article((args as { paste: ArticlePaste }).paste));
    // As the core does: accepted as it stands, the claim has the sentence's words.
    backend.on('accept_candidate', (args) => {
      const input = (args as { input: AcceptCandidate }).input;
      const c = makeClaim({ uuid: `c-${input.start}`, text: input.text || TEXT.slice(input.start, input.end), claimant: null, status: 'new' });
      backend.claims.unshift(c);
      return c;
    });
    render(App);
    await waitFor(() => expect(screen.getByTestId('claim-count')).toHaveTextContent('0 claims'));
    expect(screen.getByText(/No claims yet/)).toBeInTheDocument();
    const user = userEvent.setup();

    await user.click(screen.getByTestId('nav-import'));
    screen.getByTestId('paste-text').focus();
    await user.paste(TEXT);
    await user.click(screen.getByTestId('paste-go'));
    await waitFor(() => expect(screen.getAllByTestId('candidate')).toHaveLength(2));
    for (const i of [0, 1]) {
      await user.click(within(screen.getAllByTestId('candidate')[i]).getByTestId('candidate-accept'));
      await user.click(screen.getByTestId('accept-save'));
      await waitFor(() => expect(screen.getAllByTestId('candidate')[i]).toHaveAttribute('data-decision', 'accepted'));
    }
    const searches = backend.callsOf('list_claims').map((c) => (c.args as { query: { search: string | null } }).query.search);
    // The Claims screen, hidden all along, has already read the list again; nothing was typed.
    await waitFor(() => expect(rows()).toHaveLength(2));
    expect(searches.every((s) => s === null)).toBe(true);

    await user.click(screen.getByTestId('nav-claims'));
    expect(screen.getByTestId('claim-count')).toHaveTextContent('2 claims');
    expect(rows()).toEqual(expect.arrayContaining(['There are no plans to send US troops to fight in Ukraine.', 'Congress has yet to pass a $60 billion aid package for Ukraine.']));
    expect(screen.queryByText(/No claims yet/)).toBeNull();
    expect(screen.getByTestId('claim-search')).toHaveValue('');
  });

  it('after a data import, the claims, sources and claimants lists show what it brought', async () => {
    const backend = fakeBackend([makeClaim()], [makeSource()]);
    const preview: DataImportPreview = {
      token: 'imp-1',
      file_name: 'harbour.jsonld',
      preview: { kind: 'claimreview', written: false, found: 1, created: 1, updated: 0, unchanged: 0, skipped: 0, items: [], notes: [] },
    };
    backend.on('preview_data_import', () => preview);
    backend.on('commit_data_import', () => {
      backend.claims.unshift(makeClaim({ uuid: 'c-40', text: 'The bridge cost 40 million to repair.', claimant: { uuid: 'p-40', name: 'Mayor Lund', role: null, affiliation: null } }));
      backend.sources.unshift(makeSource({ uuid: 's-40', title: 'Harbour Checks review', url: 'https://harbour.example/40' }));
      return { ...preview.preview, written: true } satisfies ImportReport;
    });
    render(App);
    await waitFor(() => expect(rows()).toHaveLength(1));
    const user = userEvent.setup();
    // The other lists have been shown once (they stay mounted), then Import.
    await user.click(screen.getByTestId('nav-sources'));
    await waitFor(() => expect(screen.getAllByTestId('source-row')).toHaveLength(1));
    await user.click(screen.getByTestId('nav-claimants'));
    await waitFor(() => expect(screen.getAllByTestId('claimant-row')).toHaveLength(1));
    await user.click(screen.getByTestId('nav-import'));
    await user.click(screen.getByTestId('import-tab-data'));
    await user.click(screen.getByTestId('data-kind-claim_review'));
    await user.click(screen.getByTestId('data-choose'));
    await user.click(await screen.findByTestId('data-commit'));
    await screen.findByTestId('data-result-title');

    await user.click(screen.getByTestId('nav-claims'));
    await waitFor(() => expect(rows()).toContain('The bridge cost 40 million to repair.'));
    await user.click(screen.getByTestId('nav-sources'));
    await waitFor(() => expect(screen.getAllByTestId('source-row')).toHaveLength(2));
    expect(screen.getByTestId('source-list')).toHaveTextContent('Harbour Checks review');
    await user.click(screen.getByTestId('nav-claimants'));
    await waitFor(() => expect(screen.getAllByTestId('claimant-row').map((r) => r.textContent)).toEqual(expect.arrayContaining([expect.stringContaining('Mayor Lund')])));
  });

  it('after a restore, the lists and the open claim show the restored workspace', async () => {
    const backend = fakeBackend([makeClaim(), makeClaim({ uuid: 'c-2', text: 'Made after the backup.' })], [makeSource()]);
    backend.on('restore_workspace', () => {
      backend.claims.splice(1, 1);
      backend.claims[0].text = 'The wording as it was in the backup.';
      backend.sources.splice(0, 1);
      return { backup: '/backups/demo.factdesk', kept: '/home/desk/demo.factdesk.before-restore', backup_schema_version: 2, claims: 1, sources: 0 };
    });
    render(App);
    await waitFor(() => expect(rows()).toHaveLength(2));
    const user = userEvent.setup();
    await user.click(screen.getByTestId('nav-sources'));
    await waitFor(() => expect(screen.getAllByTestId('source-row')).toHaveLength(1));
    await user.click(screen.getByTestId('nav-claims'));
    await user.click(screen.getAllByTestId('claim-row').find((r) => r.dataset.uuid === 'c-1')!);
    await waitFor(() => expect(screen.getByTestId('detail-text')).toHaveTextContent('There are no plans'));

    await restoreWorkspace();
    await waitFor(() => expect(rows()).toEqual(['The wording as it was in the backup.']));
    await waitFor(() => expect(screen.getByTestId('detail-text')).toHaveTextContent('The wording as it was in the backup.'));
    await user.click(screen.getByTestId('nav-sources'));
    await waitFor(() => expect(screen.queryAllByTestId('source-row')).toHaveLength(0));
    expect(screen.getByTestId('source-list-empty')).toBeInTheDocument();
  });

  it('another checker’s claim (the desk) or a command’s reaches the sources and claimants lists too', async () => {
    const backend = fakeBackend([makeClaim()], [makeSource()]);
    render(App);
    await waitFor(() => expect(rows()).toHaveLength(1));
    const user = userEvent.setup();
    await user.click(screen.getByTestId('nav-claimants'));
    await waitFor(() => expect(screen.getAllByTestId('claimant-row')).toHaveLength(1));
    backend.claims.push(makeClaim({ uuid: 'c-9', text: 'Pulled from the desk.', claimant: { uuid: 'p-9', name: 'Alice Reporter', role: null, affiliation: null } }));
    backend.sources.push(makeSource({ uuid: 's-9', title: 'A source alice added', url: 'https://example.org/alice' }));
    await emit('workspace-changed', 'the desk');
    await waitFor(() => expect(screen.getAllByTestId('claimant-row')).toHaveLength(2));
    await user.click(screen.getByTestId('nav-sources'));
    await waitFor(() => expect(screen.getAllByTestId('source-row')).toHaveLength(2));
    await user.click(screen.getByTestId('nav-claims'));
    expect(rows()).toContain('Pulled from the desk.');
  });

  it('a burst of 50 change notices makes a bounded number of reloads, and the list ends as it is', async () => {
    const backend = fakeBackend([makeClaim()]);
    render(App);
    await waitFor(() => expect(rows()).toHaveLength(1));
    const before = { lists: backend.callsOf('list_claims').length, infos: backend.callsOf('workspace_info').length };
    for (let i = 0; i < 50; i++) {
      backend.claims.push(makeClaim({ uuid: `c-b${i}`, text: `Burst claim ${i}` }));
      // Half from elsewhere (the desk, a command), half the window's own writes.
      if (i % 2) await emit('workspace-changed', 'the desk');
      else await setStatus('c-1', i % 4 ? 'researching' : 'new').catch(() => {});
    }
    await waitFor(() => expect(screen.getByTestId('claim-count')).toHaveTextContent('51 claims'));
    await new Promise((r) => setTimeout(r, 250));
    const reloads = backend.callsOf('list_claims').length - before.lists;
    expect(reloads).toBeGreaterThanOrEqual(1);
    expect(reloads).toBeLessThanOrEqual(3);
    expect(backend.callsOf('workspace_info').length - before.infos).toBeLessThanOrEqual(3);
  });

  it('a slow list is never asked twice at once: changes while it loads make one more ask', async () => {
    const backend = fakeBackend([makeClaim()]);
    render(App);
    await waitFor(() => expect(rows()).toHaveLength(1));
    let open = 0;
    let most = 0;
    const list = backend.callsOf('list_claims').length;
    const real = (args: unknown) => ({ items: backend.claims.map(summaryOf), next_cursor: null, total: backend.claims.length, total_exact: true, args });
    backend.on('list_claims', async (args) => {
      open++;
      most = Math.max(most, open);
      await new Promise((r) => setTimeout(r, 150));
      open--;
      return real(args);
    });
    for (let i = 0; i < 6; i++) {
      backend.claims.push(makeClaim({ uuid: `c-s${i}`, text: `Slow claim ${i}` }));
      changes.announce(['claims']);
      await new Promise((r) => setTimeout(r, 60));
    }
    await waitFor(() => expect(rows()).toHaveLength(7), { timeout: 3000 });
    expect(most).toBe(1);
    expect(backend.callsOf('list_claims').length - list).toBeLessThanOrEqual(4);
  });

  it('keeps the selection, and a claim being edited keeps what was typed until the form is closed', async () => {
    const backend = fakeBackend([makeClaim(), makeClaim({ uuid: 'c-2', text: 'A $60 billion aid package remains held up.' })]);
    render(App);
    await waitFor(() => expect(rows()).toHaveLength(2));
    const user = userEvent.setup();
    await user.click(screen.getAllByTestId('claim-row').find((r) => r.dataset.uuid === 'c-2')!);
    await waitFor(() => expect(screen.getByTestId('detail-text')).toHaveTextContent('A $60 billion aid package'));
    await user.click(screen.getByTestId('edit-claim'));
    const wording = screen.getByTestId('claim-text');
    await user.clear(wording);
    await user.type(wording, 'My unsaved wording');

    // Another checker changes this very claim, and adds one.
    backend.claims[1].text = 'Changed on the desk meanwhile.';
    backend.claims.unshift(makeClaim({ uuid: 'c-3', text: 'A third claim from the desk.' }));
    await emit('workspace-changed', 'the desk');
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(screen.getByTestId('claim-text')).toHaveValue('My unsaved wording');
    expect(document.querySelector('[data-testid="claim-row"][aria-selected="true"]')).toHaveAttribute('data-uuid', 'c-2');

    await user.click(screen.getByTestId('claim-cancel'));
    await waitFor(() => expect(screen.getByTestId('detail-text')).toHaveTextContent('Changed on the desk meanwhile.'));
  });
});

describe('the reader’s place in the claim list', () => {
  const summary = (i: number): ClaimSummary => summaryOf(makeClaim({ uuid: `c-${i}`, text: `Claim ${i}` }));
  const laid = (uuids: string[]) => ({ uuids, offsets: rowOffsets(uuids.map(() => 76)) });

  it('keeps the row at the top of the view where it was when rows come or go above it', () => {
    const before = laid(['a', 'b', 'c', 'd', 'e']);
    // Scrolled 10 px into row c.
    expect(keptScroll(before, laid(['x', 'y', 'a', 'b', 'c', 'd', 'e']), 2 * 76 + 10)).toBe(4 * 76 + 10);
    expect(keptScroll(before, laid(['b', 'c', 'd', 'e']), 2 * 76 + 10)).toBe(76 + 10);
    // Row c is gone: the next one still there keeps its place.
    expect(keptScroll(before, laid(['a', 'b', 'd', 'e']), 2 * 76 + 10)).toBe(2 * 76 + 10 - 76);
    // At the very top the list stays at the top, so new rows there show.
    expect(keptScroll(before, laid(['x', 'a', 'b', 'c', 'd', 'e']), 0)).toBe(0);
  });

  it('a list read again keeps its scroll; a new question starts at the top', async () => {
    const items = Array.from({ length: 200 }, (_, i) => summary(i));
    const props = { items, listKey: 'q1', selected: null, hasMore: false, loading: false, emptyText: '', onselect: () => {}, onmore: () => {} };
    const r = render(ClaimList, { props });
    const scroller = screen.getByTestId('claim-scroller');
    scroller.scrollTop = 100 * 76;
    await fireEvent.scroll(scroller);
    await r.rerender({ ...props, items: [summary(900), summary(901), ...items] });
    expect(scroller.scrollTop).toBe(102 * 76);
    await waitFor(() => expect(screen.getAllByTestId('claim-row').map((x) => x.dataset.uuid)).toContain('c-100'));
    await r.rerender({ ...props, listKey: 'q2', items: items.slice(50) });
    expect(scroller.scrollTop).toBe(0);
  });
});

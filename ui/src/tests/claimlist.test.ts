import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ClaimsScreen from '../lib/screens/ClaimsScreen.svelte';
import ClaimList from '../lib/components/ClaimList.svelte';
import { Navigation } from '../lib/navigation.svelte';
import { STORAGE_KEY, isDay, loadView } from '../lib/claimFilters';
import { rowOffsets, scrollToShow, visibleRange } from '../lib/virtual';
import type { ClaimantSummary, ClaimPage, ClaimQuery, ClaimSummary } from '../lib/api/types';
import { RATINGS, SCALE, fakeBackend, makeClaim, summaryOf } from './fakeBackend';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const CLAIMANTS: ClaimantSummary[] = [
  { uuid: 'p-1', name: 'Pat Ryder', role: 'Pentagon press secretary', affiliation: null, claim_count: 3 },
  { uuid: 'p-2', name: 'Jens Stoltenberg', role: 'Secretary General', affiliation: 'NATO', claim_count: 1 },
];

function summary(i: number, over: Partial<ClaimSummary> = {}): ClaimSummary {
  return {
    ...summaryOf(makeClaim({ uuid: `c-${i}`, text: `Claim number ${i} about the budget.` })),
    ...over,
  };
}

/** A backend with `n` claims served 50 at a time by cursor, like the real one. */
function pagedBackend(n: number, over: (i: number) => Partial<ClaimSummary> = () => ({})) {
  const backend = fakeBackend([]);
  const all = Array.from({ length: n }, (_, i) => summary(i, over(i)));
  backend.on('list_claims', (args) => {
    const q = (args as { query: ClaimQuery }).query;
    const from = q.cursor ? Number(q.cursor) : 0;
    const size = q.limit ?? 50;
    const items = all.slice(from, from + size);
    const next = from + size < all.length ? String(from + size) : null;
    return { items, next_cursor: next, total: all.length, total_exact: true } satisfies ClaimPage;
  });
  backend.on('get_claim', (args) => makeClaim({ uuid: (args as { uuid: string }).uuid, text: `Detail of ${(args as { uuid: string }).uuid}` }));
  backend.on('list_claimants', (args) => {
    const s = ((args as { search: string | null }).search ?? '').toLowerCase();
    return CLAIMANTS.filter((c) => c.name.toLowerCase().includes(s));
  });
  return backend;
}

function lastQuery(backend: ReturnType<typeof fakeBackend>): ClaimQuery {
  const calls = backend.callsOf('list_claims');
  return (calls[calls.length - 1].args as { query: ClaimQuery }).query;
}

async function renderScreen(backend = pagedBackend(3)) {
  const onerror = vi.fn();
  const nav = new Navigation();
  const r = render(ClaimsScreen, { props: { nav, active: true, scale: SCALE, onerror } });
  await waitFor(() => expect(screen.getByTestId('claim-count')).not.toHaveTextContent('Loading'));
  return { backend, onerror, nav, ...r };
}

async function openFilters() {
  await fireEvent.click(screen.getByTestId('filters-toggle'));
  return screen.getByTestId('filter-panel');
}

function chipKeys(): string[] {
  return screen.queryAllByTestId('filter-chip').map((c) => c.getAttribute('data-key') ?? '');
}

describe('claim filters', () => {
  it('keeps the panel closed until asked, and each filter reaches list_claims', async () => {
    const { backend } = await renderScreen();
    expect(screen.queryByTestId('filter-panel')).toBeNull();
    expect(lastQuery(backend)).toMatchObject({ rating: null, tag: null, claimant: null, assignee: null, said_from: null, said_to: null, origin: null, sort: 'updated' });
    await openFilters();
    expect(screen.getByTestId('filters-toggle')).toHaveAttribute('aria-expanded', 'true');

    // Rating: the workspace scale's ratings, by key.
    const rating = screen.getByTestId('filter-rating') as HTMLSelectElement;
    expect(Array.from(rating.options).map((o) => o.value)).toEqual(['', ...RATINGS.map((r) => r.key)]);
    await fireEvent.change(rating, { target: { value: 'false' } });
    await waitFor(() => expect(lastQuery(backend).rating).toBe('false'));

    // Tag: applied after typing stops.
    const calls = backend.callsOf('list_claims').length;
    await fireEvent.input(screen.getByTestId('filter-tag'), { target: { value: 'ukr' } });
    await fireEvent.input(screen.getByTestId('filter-tag'), { target: { value: 'ukraine' } });
    await sleep(100);
    expect(backend.callsOf('list_claims')).toHaveLength(calls);
    await waitFor(() => expect(lastQuery(backend).tag).toBe('ukraine'));
    expect(backend.callsOf('list_claims')).toHaveLength(calls + 1);

    // Assignee: Enter applies at once.
    const assignee = screen.getByTestId('filter-assignee');
    await fireEvent.input(assignee, { target: { value: '  Ana  ' } });
    await fireEvent.keyDown(assignee, { key: 'Enter' });
    await waitFor(() => expect(lastQuery(backend).assignee).toBe('Ana'));

    // Said between two days.
    await fireEvent.change(screen.getByTestId('filter-said-from'), { target: { value: '2024-02-01' } });
    await waitFor(() => expect(lastQuery(backend).said_from).toBe('2024-02-01'));
    await fireEvent.change(screen.getByTestId('filter-said-to'), { target: { value: '2024-02-29' } });
    await waitFor(() => expect(lastQuery(backend).said_to).toBe('2024-02-29'));

    // Origin.
    await fireEvent.change(screen.getByTestId('filter-origin'), { target: { value: 'imported' } });
    await waitFor(() => expect(lastQuery(backend).origin).toBe('imported'));

    // Claimant: picked from list_claimants, sent by uuid.
    const who = screen.getByTestId('filter-claimant');
    await fireEvent.focus(who);
    await fireEvent.input(who, { target: { value: 'jens' } });
    await waitFor(() => expect(screen.getAllByTestId('claimant-option')).toHaveLength(1));
    expect(backend.callsOf('list_claimants').map((c) => (c.args as { search: string | null }).search)).toContain('jens');
    await fireEvent.click(screen.getByTestId('claimant-option'));
    await waitFor(() => expect(lastQuery(backend).claimant).toBe('p-2'));

    expect(lastQuery(backend)).toMatchObject({
      search: null,
      rating: 'false',
      tag: 'ukraine',
      assignee: 'Ana',
      said_from: '2024-02-01',
      said_to: '2024-02-29',
      origin: 'imported',
      claimant: 'p-2',
    });
    expect(screen.getAllByTestId('filter-chip').map((c) => c.textContent?.replace('×', '').trim())).toEqual([
      'Rating: False',
      'Tag: ukraine',
      'Claimant: Jens Stoltenberg',
      'Assigned to: Ana',
      'Said from 2024-02-01',
      'Said until 2024-02-29',
      'Imported claims',
    ]);
    expect(screen.getByTestId('filters-count')).toHaveTextContent('7');
  });

  it('picks a claimant with the keyboard', async () => {
    const { backend } = await renderScreen();
    await openFilters();
    const who = screen.getByTestId('filter-claimant');
    who.focus();
    await waitFor(() => expect(screen.getAllByTestId('claimant-option')).toHaveLength(2));
    await fireEvent.keyDown(who, { key: 'ArrowDown' });
    expect(screen.getAllByTestId('claimant-option')[1]).toHaveAttribute('aria-selected', 'true');
    await fireEvent.keyDown(who, { key: 'Enter' });
    await waitFor(() => expect(lastQuery(backend).claimant).toBe('p-2'));
    expect(screen.queryByTestId('claimant-option')).toBeNull();
  });

  it('checks the days: a real day only, and says when the range is upside down', async () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2023-02-29')).toBe(false);
    expect(isDay('27/02/2024')).toBe(false);
    expect(isDay('2024-2-1')).toBe(false);
    const { backend } = await renderScreen();
    await openFilters();
    await fireEvent.change(screen.getByTestId('filter-said-from'), { target: { value: '2024-03-01' } });
    await fireEvent.change(screen.getByTestId('filter-said-to'), { target: { value: '2024-02-01' } });
    await waitFor(() => expect(lastQuery(backend).said_to).toBe('2024-02-01'));
    expect(screen.getByTestId('filter-date-error')).toHaveTextContent('The first day is after the last: no claim can match.');
    await fireEvent.change(screen.getByTestId('filter-said-to'), { target: { value: '' } });
    await waitFor(() => expect(lastQuery(backend).said_to).toBeNull());
    expect(screen.queryByTestId('filter-date-error')).toBeNull();
  });

  it('shows no date in the date filters when none is set, and takes a typed day-first date', async () => {
    const { backend } = await renderScreen();
    await openFilters();
    const from = screen.getByTestId('filter-said-from') as HTMLInputElement;
    const to = screen.getByTestId('filter-said-to') as HTMLInputElement;
    // Empty: no day in the field (not even a greyed one), none in the words, no chip, none sent.
    for (const f of [from, to]) {
      expect(f).toHaveAttribute('type', 'text');
      expect(f.value).toBe('');
      expect(f.placeholder).toBe('Any day');
    }
    expect(screen.queryByTestId('filter-said-from-words')).toBeNull();
    expect(screen.queryByTestId('filter-chips')).toBeNull();
    expect(lastQuery(backend)).toMatchObject({ said_from: null, said_to: null });
    expect(screen.getByLabelText('Said from')).toBe(from);

    const user = userEvent.setup();
    await user.type(from, '27/02/2024{Enter}');
    await waitFor(() => expect(lastQuery(backend).said_from).toBe('2024-02-27'));
    expect(screen.getByTestId('filter-said-from-words')).toHaveTextContent('27 February 2024');
    expect(screen.getAllByTestId('filter-chip').map((c) => c.textContent?.replace('×', '').trim())).toEqual(['Said from 2024-02-27']);

    // Not a date: said under the field, and nothing is filtered by it.
    const calls = backend.callsOf('list_claims').length;
    await user.type(to, 'soon');
    await user.tab();
    expect(screen.getByTestId('field-error-said_to')).toHaveTextContent('Not a date: use YYYY-MM-DD or day/month/year');
    await sleep(50);
    expect(backend.callsOf('list_claims')).toHaveLength(calls);
    await user.clear(to);
    expect(screen.queryByTestId('field-error-said_to')).toBeNull();

    // The chip removed: the field is empty again.
    await fireEvent.click(screen.getByTestId('filter-chip-remove'));
    await waitFor(() => expect(lastQuery(backend).said_from).toBeNull());
    expect(from.value).toBe('');
    expect(screen.queryByTestId('filter-said-from-words')).toBeNull();
  });

  it('removes one filter with its chip, and all with "Clear all"', async () => {
    const { backend } = await renderScreen();
    await openFilters();
    await fireEvent.change(screen.getByTestId('filter-rating'), { target: { value: 'misleading' } });
    await fireEvent.change(screen.getByTestId('filter-origin'), { target: { value: 'desk' } });
    await fireEvent.input(screen.getByTestId('filter-tag'), { target: { value: 'budget' } });
    await fireEvent.keyDown(screen.getByTestId('filter-tag'), { key: 'Enter' });
    await waitFor(() => expect(chipKeys()).toEqual(['rating', 'tag', 'origin']));

    const tagChip = screen.getAllByTestId('filter-chip').find((c) => c.dataset.key === 'tag')!;
    await fireEvent.click(within(tagChip).getByTestId('filter-chip-remove'));
    await waitFor(() => expect(lastQuery(backend).tag).toBeNull());
    expect(lastQuery(backend)).toMatchObject({ rating: 'misleading', origin: 'desk' });
    expect(chipKeys()).toEqual(['rating', 'origin']);
    // The panel follows: the tag box is empty again.
    expect(screen.getByTestId('filter-tag')).toHaveValue('');

    // Closed panel: the chips still show what filters the list.
    await fireEvent.click(screen.getByTestId('filters-toggle'));
    expect(screen.queryByTestId('filter-panel')).toBeNull();
    expect(chipKeys()).toEqual(['rating', 'origin']);

    await fireEvent.click(screen.getByTestId('filters-clear'));
    await waitFor(() => expect(lastQuery(backend)).toMatchObject({ rating: null, origin: null, tag: null }));
    expect(screen.queryByTestId('filter-chips')).toBeNull();
    expect(screen.queryByTestId('filters-count')).toBeNull();
  });

  it('says when nothing matches the filters, and keeps the count true', async () => {
    const backend = pagedBackend(3);
    backend.on('list_claims', (args) => {
      const q = (args as { query: ClaimQuery }).query;
      const items = q.rating ? [] : [summary(1), summary(2)];
      return { items, next_cursor: null, total: items.length, total_exact: true } satisfies ClaimPage;
    });
    await renderScreen(backend);
    expect(screen.getByTestId('claim-count')).toHaveTextContent('2 claims');
    await openFilters();
    await fireEvent.change(screen.getByTestId('filter-rating'), { target: { value: 'true' } });
    await waitFor(() => expect(screen.getByText('No claims with these filters.')).toBeInTheDocument());
    expect(screen.getByTestId('claim-count')).toHaveTextContent('0 claims');
    await fireEvent.input(screen.getByTestId('claim-search'), { target: { value: 'troops' } });
    await waitFor(() => expect(screen.getByText('No claims match “troops” with these filters.')).toBeInTheDocument());
  });

  it('sorts by what the desk chooses', async () => {
    const { backend } = await renderScreen();
    const sort = screen.getByTestId('claim-sort') as HTMLSelectElement;
    expect(sort.value).toBe('updated');
    expect(Array.from(sort.options).map((o) => o.textContent)).toEqual(['Recently updated', 'Date said', 'Most check-worthy']);
    await fireEvent.change(sort, { target: { value: 'worthiness' } });
    await waitFor(() => expect(lastQuery(backend).sort).toBe('worthiness'));
    await fireEvent.change(sort, { target: { value: 'said' } });
    await waitFor(() => expect(lastQuery(backend).sort).toBe('said'));
  });

  it('shows one claimant\'s claims when asked from elsewhere, clearing the search', async () => {
    const { backend, nav } = await renderScreen();
    await fireEvent.input(screen.getByTestId('claim-search'), { target: { value: 'budget' } });
    await waitFor(() => expect(lastQuery(backend).search).toBe('budget'));
    nav.showClaimsOf('p-9', 'Olaf Scholz');
    await waitFor(() => expect(lastQuery(backend)).toMatchObject({ claimant: 'p-9', search: null }));
    expect(screen.getByTestId('claim-search')).toHaveValue('');
    expect(screen.getByTestId('filter-chip')).toHaveTextContent('Claimant: Olaf Scholz');
    // The search's debounce does not bring the old words back.
    await sleep(250);
    expect(lastQuery(backend).search).toBeNull();
  });
});

describe('remembered filters', () => {
  it('saves status, filters and order, and a new start comes back to them', async () => {
    const first = await renderScreen();
    await fireEvent.change(screen.getByTestId('status-filter'), { target: { value: 'in_review' } });
    await openFilters();
    await fireEvent.change(screen.getByTestId('filter-rating'), { target: { value: 'false' } });
    await fireEvent.change(screen.getByTestId('claim-sort'), { target: { value: 'worthiness' } });
    const who = screen.getByTestId('filter-claimant');
    await fireEvent.input(who, { target: { value: 'pat' } });
    await waitFor(() => expect(screen.getAllByTestId('claimant-option')).toHaveLength(1));
    await fireEvent.click(screen.getByTestId('claimant-option'));
    await waitFor(() => expect(lastQuery(first.backend).claimant).toBe('p-1'));
    await fireEvent.input(screen.getByTestId('claim-search'), { target: { value: 'budget' } });
    await waitFor(() => expect(lastQuery(first.backend).search).toBe('budget'));

    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY)!);
    expect(stored).toMatchObject({ status: 'in_review', sort: 'worthiness', filters: { rating: 'false', claimant: { uuid: 'p-1', name: 'Pat Ryder' } } });
    first.unmount();

    // A restart: the same storage, a new screen. (Not fakeBackend(): that starts afresh.)
    const again = pagedBackend(3);
    localStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
    render(ClaimsScreen, { props: { nav: new Navigation(), active: true, scale: SCALE, onerror: vi.fn() } });
    await waitFor(() => expect(again.callsOf('list_claims')).toHaveLength(1));
    expect(lastQuery(again)).toMatchObject({ status: 'in_review', rating: 'false', claimant: 'p-1', sort: 'worthiness', search: null });
    expect(screen.getByTestId('status-filter')).toHaveValue('in_review');
    expect(screen.getByTestId('claim-sort')).toHaveValue('worthiness');
    expect(screen.getAllByTestId('filter-chip').map((c) => c.dataset.key)).toEqual(['rating', 'claimant']);
    expect(screen.getAllByTestId('filter-chip')[0]).toHaveTextContent('Rating: False');
    expect(screen.getByTestId('claim-search')).toHaveValue('');
  });

  it('ignores a saved entry it cannot read', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) } as unknown as Storage;
    store.set(STORAGE_KEY, '{not json');
    expect(loadView(storage)).toEqual({ status: null, sort: 'updated', filters: expect.objectContaining({ rating: null, claimant: null }) });
    store.set(STORAGE_KEY, JSON.stringify({ status: 'bogus', sort: 'random', filters: { said_from: '2024-02-30', origin: 'elsewhere', claimant: { name: 'no uuid' }, tag: 42 } }));
    const v = loadView(storage);
    expect(v.status).toBeNull();
    expect(v.sort).toBe('updated');
    expect(v.filters).toEqual({ rating: null, tag: null, claimant: null, assignee: null, said_from: null, said_to: null, origin: null });
  });
});

describe('claim rows', () => {
  it('shows where a search found the words, the hits marked, as text only', async () => {
    const evil = '<img src=x onerror="window.__pwned=1">';
    const backend = pagedBackend(0);
    backend.on('list_claims', () => ({
      items: [
        summary(1, {
          snippet: {
            field: 'excerpt',
            parts: [
              { text: 'the ', hit: false },
              { text: 'budget', hit: true },
              { text: ` was ${evil} cut by `, hit: false },
              { text: evil, hit: true },
            ],
          },
        }),
        summary(2, { snippet: { field: 'source_title', parts: [{ text: 'Budget', hit: true }, { text: ' office report', hit: false }] } }),
        summary(3),
      ],
      next_cursor: null,
      total: 3,
      total_exact: true,
    }));
    await renderScreen(backend);
    const snippets = screen.getAllByTestId('claim-snippet');
    expect(snippets).toHaveLength(2);
    expect(snippets[0]).toHaveAttribute('data-field', 'excerpt');
    expect(snippets[0].textContent?.replace(/\s+/g, ' ').trim()).toBe(`in evidence excerpt: …the budget was ${evil} cut by ${evil}…`);
    expect(Array.from(snippets[0].querySelectorAll('mark'), (m) => m.textContent)).toEqual(['budget', evil]);
    expect(snippets[0].querySelector('img')).toBeNull();
    expect(document.querySelector('.claim-scroller img')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    expect(snippets[1]).toHaveTextContent('in source title: …Budget office report…');
    // The third row matched in its own text: no snippet line.
    const third = screen.getAllByTestId('claim-row')[2];
    expect(within(third).queryByTestId('claim-snippet')).toBeNull();
  });

  it('labels each field a snippet can come from', async () => {
    const fields = ['text', 'summary', 'claimant', 'source_title', 'excerpt', 'rationale'] as const;
    const backend = pagedBackend(0);
    backend.on('list_claims', () => ({
      items: fields.map((field, i) => summary(i, { snippet: { field, parts: [{ text: 'x', hit: true }] } })),
      next_cursor: null,
      total: fields.length,
      total_exact: true,
    }));
    await renderScreen(backend);
    expect(screen.getAllByTestId('claim-snippet').map((s) => s.textContent?.split(':')[0].trim())).toEqual([
      'in claim text',
      'in summary',
      'in claimant',
      'in source title',
      'in evidence excerpt',
      'in verdict rationale',
    ]);
  });

  it('keeps the snippet when the selected row follows its claim', async () => {
    const backend = pagedBackend(0);
    backend.on('list_claims', () => ({
      items: [summary(1, { snippet: { field: 'rationale', parts: [{ text: 'budget', hit: true }] } })],
      next_cursor: null,
      total: 1,
      total_exact: true,
    }));
    await renderScreen(backend);
    await fireEvent.click(screen.getByTestId('claim-row'));
    await waitFor(() => expect(backend.callsOf('get_claim')).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('claim-row')).toHaveTextContent('Detail of c-1'));
    expect(screen.getByTestId('claim-snippet')).toHaveTextContent('in verdict rationale: …budget…');
  });

  it('tags imported claims and shows check-worthiness, louder when sorted by it', async () => {
    const backend = pagedBackend(3, (i) => (i === 0 ? { origin: 'imported', worthiness: 0.82 } : i === 1 ? { worthiness: 0.2 } : { worthiness: null }));
    await renderScreen(backend);
    const rows = screen.getAllByTestId('claim-row');
    const tag = within(rows[0]).getByTestId('claim-imported');
    expect(tag).toHaveTextContent('imported');
    expect(tag).toHaveAttribute('title', "Imported with another publisher's fact-check");
    expect(within(rows[1]).queryByTestId('claim-imported')).toBeNull();

    const worth = within(rows[0]).getByTestId('claim-worthiness');
    expect(worth).toHaveAttribute('title', 'Check-worthiness 82 of 100 (high)');
    expect(worth).not.toHaveClass('loud');
    expect(within(rows[1]).getByTestId('claim-worthiness')).toHaveAttribute('title', 'Check-worthiness 20 of 100 (low)');
    expect(within(rows[2]).queryByTestId('claim-worthiness')).toBeNull();

    await fireEvent.change(screen.getByTestId('claim-sort'), { target: { value: 'worthiness' } });
    await waitFor(() => expect(within(screen.getAllByTestId('claim-row')[0]).getByTestId('claim-worthiness')).toHaveClass('loud'));
    expect(within(screen.getAllByTestId('claim-row')[0]).getByTestId('claim-worthiness')).toHaveTextContent('82');
  });
});

describe('virtual list', () => {
  it('windows the rows: positions are exact and the selected row is brought into view', () => {
    const offsets = rowOffsets([10, 20, 10, 10]);
    expect(Array.from(offsets)).toEqual([0, 10, 30, 40, 50]);
    expect(visibleRange(offsets, 0, 15, 0)).toEqual({ start: 0, end: 2 });
    expect(visibleRange(offsets, 12, 10, 0)).toEqual({ start: 1, end: 2 });
    expect(visibleRange(offsets, 12, 10, 1)).toEqual({ start: 0, end: 3 });
    expect(visibleRange(offsets, 1000, 10, 0)).toEqual({ start: 3, end: 4 });
    expect(visibleRange(rowOffsets([]), 0, 100, 2)).toEqual({ start: 0, end: 0 });
    expect(scrollToShow(offsets, 3, 0, 25)).toBe(25);
    expect(scrollToShow(offsets, 0, 25, 25)).toBe(0);
    expect(scrollToShow(offsets, 1, 5, 30)).toBe(5);
  });

  it('draws far fewer rows than there are items, and the rows of where the list is scrolled', async () => {
    const items = Array.from({ length: 5000 }, (_, i) => summary(i));
    const onmore = vi.fn();
    render(ClaimList, { props: { items, selected: null, hasMore: false, loading: false, emptyText: '', onselect: () => {}, onmore } });
    const rows = screen.getAllByTestId('claim-row');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]).toHaveAttribute('data-uuid', 'c-0');
    // The list is as tall as all its rows, so the scrollbar is true.
    const sizer = screen.getByTestId('claim-list').parentElement!;
    expect(sizer.style.height).toBe(`${5000 * 76}px`);

    const scroller = screen.getByTestId('claim-scroller');
    scroller.scrollTop = 76 * 2500;
    await fireEvent.scroll(scroller);
    await waitFor(() => expect(screen.getAllByTestId('claim-row').map((r) => r.dataset.uuid)).toContain('c-2500'));
    const shown = screen.getAllByTestId('claim-row');
    expect(shown.length).toBeLessThan(40);
    expect(shown.map((r) => r.dataset.uuid)).not.toContain('c-0');
    expect(shown[0].getAttribute('aria-setsize')).toBe('5000');
  });

  it('loads the next page when scrolled near the end, 50 at a time', async () => {
    const { backend } = await renderScreen(pagedBackend(5000));
    expect(screen.getByTestId('claim-count')).toHaveTextContent('5000 claims');
    expect(backend.callsOf('list_claims')).toHaveLength(1);
    const scroller = screen.getByTestId('claim-scroller');
    scroller.scrollTop = 50 * 76 - 600;
    await fireEvent.scroll(scroller);
    await waitFor(() => expect(backend.callsOf('list_claims')).toHaveLength(2));
    expect(lastQuery(backend).cursor).toBe('50');
    await waitFor(() => expect(screen.getAllByTestId('claim-row').map((r) => r.dataset.uuid)).toContain('c-50'));
    expect(screen.getAllByTestId('claim-row').length).toBeLessThan(40);
  });

  it('moves the selection with j/k and keeps the selected row drawn and in view', async () => {
    await renderScreen(pagedBackend(5000));
    const user = userEvent.setup();
    const scroller = screen.getByTestId('claim-scroller');
    expect(scroller.scrollTop).toBe(0);
    for (let i = 0; i < 30; i++) await user.keyboard('j');
    await waitFor(() => expect(document.querySelector('[data-testid="claim-row"][aria-selected="true"]')).toHaveAttribute('data-uuid', 'c-29'));
    // Scrolled so row 29 is at the bottom of the (600 px) viewport, and the first rows are gone.
    expect(scroller.scrollTop).toBe(30 * 76 - 600);
    const uuids = screen.getAllByTestId('claim-row').map((r) => r.dataset.uuid);
    expect(uuids).not.toContain('c-0');
    expect(uuids.length).toBeLessThan(40);
    await waitFor(() => expect(screen.getByTestId('detail-text')).toHaveTextContent('Detail of c-29'));

    // Back up past the top of the view: it scrolls back with the selection.
    for (let i = 0; i < 25; i++) await user.keyboard('k');
    await waitFor(() => expect(document.querySelector('[data-testid="claim-row"][aria-selected="true"]')).toHaveAttribute('data-uuid', 'c-4'));
    expect(scroller.scrollTop).toBe(4 * 76);
  });

  it('keeps keyboard focus on the row as the selection moves past the drawn rows', async () => {
    await renderScreen(pagedBackend(200));
    const user = userEvent.setup();
    await user.click(screen.getAllByTestId('claim-row')[0]);
    expect(screen.getAllByTestId('claim-row')[0]).toHaveFocus();
    for (let i = 0; i < 20; i++) await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-uuid', 'c-20'));
  });
});

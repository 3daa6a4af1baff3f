import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../App.svelte';
import SourceView from '../lib/components/SourceView.svelte';
import { fakeBackend, makeAnchor, makeCapture, makeClaim, makeSource, type SourceExtras } from './fakeBackend';
import type { AddedSource, DiffLine, Source, SourceDetail, SourceQuery } from '../lib/api/types';
import { foldDiff } from '../lib/diff';


const LIBRARY: Source[] = [
  makeSource({
    uuid: 's-1',
    title: 'Pentagon briefing transcript',
    publisher: 'U.S. Department of Defense',
    author: 'Pat Ryder',
    published_on: '2024-02-27',
    kind: 'transcript',
    reliability: 'high',
    cited_by: 2,
    latest_capture: makeCapture({ captured_at: '2024-03-01T09:00:00Z' }),
  }),
  makeSource({
    uuid: 's-2',
    url: '',
    title: 'Interview with a ministry official',
    publisher: '',
    published_on: null,
    kind: 'other',
    reliability: 'medium',
    confidential: true,
    cited_by: 1,
    created_at: '2024-02-20T00:00:00Z',
  }),
];

/** A promise the test settles when it wants (a slow fetch). */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

async function renderSources(sources = LIBRARY, extras: Record<string, SourceExtras> = {}) {
  const backend = fakeBackend([makeClaim()], sources, extras);
  render(App);
  await waitFor(() => expect(screen.getAllByTestId('claim-row')).toHaveLength(1));
  const user = userEvent.setup();
  await user.keyboard('{Alt>}2{/Alt}');
  await waitFor(() => expect(screen.getAllByTestId('source-row')).toHaveLength(sources.length));
  return { backend, user };
}

const lastQuery = (backend: ReturnType<typeof fakeBackend>) => (backend.callsOf('list_sources').slice(-1)[0].args as { query: SourceQuery }).query;

describe('navigation', () => {
  it('switches screens with Alt+1 / Alt+2 and the nav, keeping the claims screen as it was', async () => {
    const { user } = await renderSources();
    expect(screen.getByTestId('nav-sources')).toHaveAttribute('aria-current', 'page');
    expect(screen.getByTestId('nav-claims')).not.toHaveAttribute('aria-current');
    // Claims keys do not work on the sources screen: j moves through sources.
    await user.keyboard('j');
    await waitFor(() => expect(screen.getByTestId('source-detail-title')).toHaveTextContent('Pentagon briefing transcript'));
    await user.keyboard('{Alt>}1{/Alt}');
    expect(screen.getByTestId('nav-claims')).toHaveAttribute('aria-current', 'page');
    expect(screen.getByTestId('claim-search')).toBeVisible();
    await user.keyboard('j');
    await waitFor(() => expect(screen.getByTestId('detail-text')).toHaveTextContent('no plans to send'));
    await user.click(screen.getByTestId('nav-sources'));
    // The sources screen kept its open source.
    expect(screen.getByTestId('source-detail-title')).toHaveTextContent('Pentagon briefing transcript');
  });

  it('lists the screen and sources shortcuts in the help overlay', async () => {
    const { user } = await renderSources();
    await user.keyboard('?');
    const help = await screen.findByTestId('help-overlay');
    for (const what of ['Claims screen', 'Sources screen', 'Add a source by its web address', 'Search sources', 'Open the original page']) {
      expect(help).toHaveTextContent(what);
    }
    expect(within(help).getAllByText('Alt').length).toBeGreaterThanOrEqual(2);
  });
});

describe('sources list', () => {
  it('shows title, publisher, author, date, type, reliability, citations, confidentiality and capture state', async () => {
    await renderSources();
    const [a, b] = screen.getAllByTestId('source-row');
    expect(a).toHaveTextContent('Pentagon briefing transcript');
    expect(a).toHaveTextContent('U.S. Department of Defense');
    expect(a).toHaveTextContent('Pat Ryder');
    expect(a).toHaveTextContent('2024-02-27');
    expect(a).toHaveTextContent('Transcript');
    expect(within(a).getByTestId('reliability-badge')).toHaveTextContent('High reliability');
    expect(within(a).getByTestId('source-row-cited')).toHaveTextContent('cited by 2 claims');
    expect(within(a).getByTestId('source-row-capture')).toHaveAttribute('data-state', 'archived');
    expect(within(a).queryByTestId('confidential-marker')).not.toBeInTheDocument();
    expect(within(b).getByTestId('confidential-marker')).toHaveTextContent('confidential');
    expect(within(b).getByTestId('source-row-cited')).toHaveTextContent('cited by 1 claim');
    expect(within(b).getByTestId('source-row-capture')).toHaveTextContent('no web address');
    expect(screen.getByTestId('source-count')).toHaveTextContent('2 sources');
  });

  it('sends the search as typed, type and reliability filters and the order to list_sources', async () => {
    const { backend, user } = await renderSources();
    expect(lastQuery(backend)).toEqual({ search: null, kind: null, reliability: null, sort: 'added' });
    const before = backend.callsOf('list_sources').length;
    const box = screen.getByTestId('sources-search');
    await fireEvent.input(box, { target: { value: 'pen' } });
    await fireEvent.input(box, { target: { value: 'pentagon' } });
    // Each keystroke is asked as soon as the one before is answered: at most one ask each.
    await waitFor(() => expect(lastQuery(backend).search).toBe('pentagon'));
    expect(backend.callsOf('list_sources').length - before).toBeLessThanOrEqual(2);
    await waitFor(() => expect(screen.getAllByTestId('source-row')).toHaveLength(1));

    await user.selectOptions(screen.getByTestId('sources-kind-filter'), 'transcript');
    await user.selectOptions(screen.getByTestId('sources-reliability-filter'), 'high');
    await user.selectOptions(screen.getByTestId('sources-sort'), 'cited');
    await waitFor(() => expect(lastQuery(backend)).toEqual({ search: 'pentagon', kind: 'transcript', reliability: 'high', sort: 'cited' }));
    await user.selectOptions(screen.getByTestId('sources-reliability-filter'), 'low');
    expect(await screen.findByTestId('source-list-empty')).toHaveTextContent('No sources match “pentagon” of type transcript, rated low reliability.');
  });
});

describe('add by address', () => {
  it('shows progress while the page is fetched, keeps the window usable, then opens the new source with its notes', async () => {
    const { backend, user } = await renderSources();
    const slow = deferred<AddedSource>();
    backend.on('add_source_by_url', () => slow.promise);
    await user.keyboard('a');
    expect(screen.getByTestId('source-add-url')).toHaveFocus();
    await user.keyboard('https://example.org/report{Enter}');
    expect(await screen.findByTestId('source-add-progress')).toHaveTextContent('Fetching the page');
    expect(screen.getByTestId('source-add-go')).toBeDisabled();
    expect(screen.getByTestId('source-add-go')).toHaveTextContent('Fetching…');
    expect(backend.callsOf('add_source_by_url')[0].args).toEqual({ url: 'https://example.org/report' });

    // Meanwhile the rest of the window works: open another source.
    await user.click(screen.getAllByTestId('source-row')[1]);
    await waitFor(() => expect(screen.getByTestId('source-detail-title')).toHaveTextContent('Interview with a ministry official'));

    const added = makeSource({ uuid: 's-new', url: 'https://example.org/report', title: 'Annual report 2023', publisher: 'Example Institute', latest_capture: makeCapture({ uuid: 'cap-9' }) });
    backend.sources.unshift(added);
    slow.resolve({ source: added, existing: false, notes: ['No author was found on the page.', 'No publication date was found on the page.'] });
    await waitFor(() => expect(screen.getByTestId('source-detail-title')).toHaveTextContent('Annual report 2023'));
    expect(screen.queryByTestId('source-add-progress')).not.toBeInTheDocument();
    expect(screen.getByTestId('source-add-result')).toHaveTextContent('Added “Annual report 2023”');
    expect(screen.getByTestId('source-add-notes')).toHaveTextContent('No author was found on the page.');
    expect(screen.getByTestId('source-add-url')).toHaveValue('');
    await waitFor(() => expect(screen.getAllByTestId('source-row')).toHaveLength(3));
    const row = screen.getAllByTestId('source-row').find((r) => r.dataset.uuid === 's-new')!;
    expect(row).toHaveAttribute('aria-selected', 'true');
    expect(backend.callsOf('source_detail').slice(-1)[0].args).toEqual({ uuid: 's-new' });
  });

  it('says clearly when the address is already in the library, and opens that source', async () => {
    const { backend, user } = await renderSources();
    backend.on('add_source_by_url', () => ({ source: LIBRARY[0], existing: true, notes: [] }));
    await user.type(screen.getByTestId('source-add-url'), 'https://defense.gov/briefing/?utm_source=x');
    await user.click(screen.getByTestId('source-add-go'));
    const result = await screen.findByTestId('source-add-result');
    expect(result).toHaveTextContent('Already in the library as “Pentagon briefing transcript”');
    expect(result).toHaveTextContent('Nothing was added');
    await waitFor(() => expect(screen.getByTestId('source-detail-title')).toHaveTextContent('Pentagon briefing transcript'));
    expect(screen.getAllByTestId('source-row')).toHaveLength(2);
  });

  it('shows a network failure in plain words by the address field, and offers entry by hand', async () => {
    const { backend, user } = await renderSources();
    backend.on('add_source_by_url', () => {
      throw { kind: 'Network', message: 'The server at example.org did not answer within 20 seconds.', field: null };
    });
    await user.type(screen.getByTestId('source-add-url'), 'https://example.org/slow');
    await user.click(screen.getByTestId('source-add-go'));
    const err = await screen.findByTestId('source-add-error');
    expect(err).toHaveTextContent('The page could not be fetched, so nothing was added.');
    expect(err).toHaveTextContent('did not answer within 20 seconds');
    expect(err.textContent).not.toMatch(/Network|kind|[{}]/);
    expect(screen.getByTestId('source-add-url')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('source-add-url')).toHaveValue('https://example.org/slow');
    expect(screen.queryByTestId('error-banner')).not.toBeInTheDocument();

    await user.click(screen.getByTestId('source-add-byhand'));
    expect(await screen.findByTestId('source-form')).toBeInTheDocument();
    expect(screen.getByTestId('source-form-url')).toHaveValue('https://example.org/slow');
    expect(screen.getByTestId('source-form-title')).toHaveFocus();
  });

  it('puts an invalid address error under the field', async () => {
    const { backend, user } = await renderSources();
    backend.on('add_source_by_url', () => {
      throw { kind: 'Validation', message: '“not a url” is not a web address: it should look like https://example.org/page', field: 'url' };
    });
    await user.type(screen.getByTestId('source-add-url'), 'not a url{Enter}');
    const err = await screen.findByTestId('field-error-url');
    expect(err).toHaveTextContent('is not a web address');
    expect(screen.getByTestId('source-add-url').getAttribute('aria-describedby')).toBe(err.id);
    expect(screen.queryByTestId('source-add-error')).not.toBeInTheDocument();
  });
});

describe('add by hand and edit', () => {
  it('creates a source with every field, offline, and opens it', async () => {
    const { backend, user } = await renderSources();
    await user.keyboard('n');
    await screen.findByTestId('source-form');
    expect(screen.getByTestId('source-form-url')).toHaveFocus();
    await user.type(screen.getByTestId('source-form-title'), 'Notes of a phone call with a ministry press officer');
    await user.type(screen.getByTestId('source-form-publisher'), 'Ministry of Defence');
    await user.type(screen.getByTestId('source-form-author'), 'Press office');
    // Typed day first, sent as YYYY-MM-DD.
    await user.type(screen.getByTestId('source-form-published'), '27/02/2024');
    expect(screen.getByTestId('source-form-published-words')).toHaveTextContent('27 February 2024');
    await user.selectOptions(screen.getByTestId('source-form-kind'), 'official_statement');
    await user.selectOptions(screen.getByTestId('source-form-reliability'), 'medium');
    await user.type(screen.getByTestId('source-form-reliability-note'), 'Spoke on background.');
    await user.click(screen.getByTestId('source-form-confidential'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(backend.callsOf('create_source')).toHaveLength(1));
    expect(backend.callsOf('create_source')[0].args).toEqual({
      input: {
        url: '',
        title: 'Notes of a phone call with a ministry press officer',
        publisher: 'Ministry of Defence',
        author: 'Press office',
        published_on: '2024-02-27',
        kind: 'official_statement',
        reliability: 'medium',
        reliability_note: 'Spoke on background.',
        confidential: true,
      },
    });
    await waitFor(() => expect(screen.getByTestId('source-detail-title')).toHaveTextContent('Notes of a phone call'));
    expect(screen.getByTestId('source-detail')).toHaveTextContent('None (not a web page)');
    expect(within(screen.getByTestId('source-detail')).getByTestId('confidential-marker')).toBeInTheDocument();
    expect(screen.queryByTestId('source-open-original')).not.toBeInTheDocument();
  });

  it('shows a missing title under the title field and keeps the form', async () => {
    const { backend, user } = await renderSources();
    await user.click(screen.getByTestId('new-source'));
    await user.type(await screen.findByTestId('source-form-url'), 'https://example.org/x');
    await user.click(screen.getByTestId('source-form-save'));
    const err = await screen.findByTestId('field-error-title');
    expect(err).toHaveTextContent('needs a title');
    expect(screen.getByTestId('source-form-title')).toHaveFocus();
    expect(screen.getByTestId('source-form-title')).toHaveAttribute('aria-invalid', 'true');
    expect(backend.sources).toHaveLength(2);
    // Typing the missing title clears its message at once.
    await user.type(screen.getByTestId('source-form-title'), 'X');
    expect(screen.queryByTestId('field-error-title')).not.toBeInTheDocument();
    // The form holds input: Esc asks before discarding it (issue 17).
    await user.keyboard('{Escape}');
    expect(screen.getByTestId('discard-confirm')).toHaveTextContent('Discard this unsaved source?');
    await user.click(screen.getByRole('button', { name: 'Discard' }));
    expect(screen.queryByTestId('source-form')).not.toBeInTheDocument();
  });

  it('edits every field of a source with update_source', async () => {
    const { backend, user } = await renderSources();
    await user.click(screen.getAllByTestId('source-row')[0]);
    await screen.findByTestId('source-detail');
    await user.keyboard('e');
    const title = await screen.findByTestId('source-form-title');
    expect(title).toHaveValue('Pentagon briefing transcript');
    expect(screen.getByTestId('source-form-kind')).toHaveValue('transcript');
    expect(screen.getByTestId('source-form-reliability')).toHaveValue('high');
    await user.clear(title);
    await user.type(title, 'Pentagon press briefing, 27 February 2024');
    await user.selectOptions(screen.getByTestId('source-form-reliability'), 'medium');
    await user.click(screen.getByTestId('source-form-save'));
    await waitFor(() => expect(backend.callsOf('update_source')).toHaveLength(1));
    expect(backend.callsOf('update_source')[0].args).toEqual({
      uuid: 's-1',
      input: {
        url: 'https://www.defense.gov/briefing',
        title: 'Pentagon press briefing, 27 February 2024',
        publisher: 'U.S. Department of Defense',
        author: 'Pat Ryder',
        published_on: '2024-02-27',
        kind: 'transcript',
        reliability: 'medium',
        reliability_note: '',
        confidential: false,
      },
    });
    await waitFor(() => expect(screen.getByTestId('source-detail-title')).toHaveTextContent('Pentagon press briefing, 27 February 2024'));
    expect(within(screen.getAllByTestId('source-row')[0]).getByTestId('reliability-badge')).toHaveTextContent('Medium reliability');
  });
});

describe('source view', () => {
  const older = makeCapture({ uuid: 'cap-0', captured_at: '2024-02-28T08:00:00Z', sha256: 'b'.repeat(64), size: 900, text_sha256: 't-0' });
  const newer = makeCapture({ uuid: 'cap-1', captured_at: '2024-03-01T09:00:00Z', sha256: 'c0ffee'.padEnd(64, '1'), size: 14_532, note: 'No author was found on the page.' });

  function detail(over: Partial<SourceDetail> = {}): SourceDetail {
    return { source: makeSource({ latest_capture: newer, cited_by: 3 }), captures: [newer, older], text: 'First paragraph.\nSecond paragraph.', citations: [], ...over };
  }

  function renderView(d: SourceDetail) {
    const backend = fakeBackend([makeClaim()], [d.source], { [d.source.uuid]: { captures: d.captures, text: d.text, citations: d.citations } });
    const onopenclaim = vi.fn();
    const onchanged = vi.fn();
    const onerror = vi.fn();
    render(SourceView, { detail: d, onedit: vi.fn(), onchanged, onopenclaim, onerror });
    return { backend, onopenclaim, onchanged, onerror, user: userEvent.setup() };
  }

  it('shows the archived copy as text: markup in a snapshot is never rendered', () => {
    const { container } = render(SourceView, {
      detail: detail({ text: 'Intro <img src=x onerror=alert(1)>\n<script>alert(2)</script>\n<b>bold?</b>' }),
      onedit: vi.fn(),
      onchanged: vi.fn(),
      onopenclaim: vi.fn(),
      onerror: vi.fn(),
    });
    const snap = screen.getByTestId('snapshot-text');
    expect(snap).toHaveTextContent('Intro <img src=x onerror=alert(1)>');
    expect(snap).toHaveTextContent('<script>alert(2)</script>');
    expect(snap.querySelectorAll('p')).toHaveLength(3);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
  });

  it('lists the archived copies with time, short hash, size, HTTP status, method and note', async () => {
    const { user } = renderView(detail());
    const rows = screen.getAllByTestId('capture-row');
    expect(rows.map((r) => r.dataset.uuid)).toEqual(['cap-1', 'cap-0']);
    expect(within(rows[0]).getByTestId('capture-sha')).toHaveTextContent('c0ffee111111…');
    expect(within(rows[0]).getByTestId('capture-sha')).toHaveAttribute('title', newer.sha256);
    expect(rows[0]).toHaveTextContent('14.2 KB');
    expect(rows[0]).toHaveTextContent('200');
    expect(rows[0]).toHaveTextContent('fetched');
    expect(rows[0]).toHaveTextContent('No author was found on the page.');
    expect(rows[1]).toHaveTextContent('900 B');
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.click(within(rows[0]).getByRole('button', { name: /Copy the full SHA-256/ }));
    expect(writeText).toHaveBeenCalledWith(newer.sha256);
    expect(within(rows[0]).getByRole('button', { name: /Copy the full SHA-256/ })).toHaveTextContent('Copied');
  });

  it('captures again and says whether the text changed', async () => {
    const { backend, onchanged, user } = renderView(detail());
    await user.click(screen.getByTestId('recapture'));
    await waitFor(() => expect(onchanged).toHaveBeenCalled());
    expect(backend.callsOf('recapture_source')[0].args).toEqual({ uuid: 's-1' });
    expect(screen.getByTestId('recapture-note')).toHaveTextContent('the text differs from the previous copy');
  });

  it('cannot capture a source without an address', () => {
    renderView(detail({ source: makeSource({ url: '' }), captures: [], text: '' }));
    expect(screen.getByTestId('recapture')).toBeDisabled();
    expect(screen.getByTestId('captures-empty')).toHaveTextContent('no web address');
  });

  it('compares two copies: added and removed paragraphs marked, long unchanged runs folded', async () => {
    const { backend, user } = renderView(detail());
    const lines: DiffLine[] = [
      ...Array.from({ length: 8 }, (_, i) => ({ op: 'same' as const, text: `Unchanged ${i + 1}.` })),
      { op: 'removed', text: 'We have no plans to send troops.' },
      { op: 'added', text: 'We have no current plans to send troops.' },
      { op: 'same', text: 'Closing line.' },
    ];
    backend.on('diff_captures', () => lines);
    expect(screen.getByTestId('compare-from')).toHaveValue('cap-0');
    expect(screen.getByTestId('compare-to')).toHaveValue('cap-1');
    await user.click(screen.getByTestId('compare'));
    await screen.findByTestId('diff-view');
    expect(backend.callsOf('diff_captures')[0].args).toEqual({ from: 'cap-0', to: 'cap-1' });
    expect(screen.getByTestId('diff-summary')).toHaveTextContent('1 paragraph added, 1 removed');
    const shown = () => screen.getAllByTestId('diff-line').map((l) => [l.dataset.op, l.textContent?.trim()]);
    expect(shown()).toEqual([
      ['same', 'Unchanged 7.'],
      ['same', 'Unchanged 8.'],
      // A sign for the eye, words for a screen reader.
      ['removed', '−Removed: We have no plans to send troops.'],
      ['added', '+Added: We have no current plans to send troops.'],
      ['same', 'Closing line.'],
    ]);
    const fold = screen.getByTestId('diff-fold');
    expect(fold).toHaveTextContent('6 unchanged paragraphs');
    await user.click(fold);
    expect(screen.getAllByTestId('diff-line')).toHaveLength(11);
    expect(screen.queryByTestId('diff-fold')).not.toBeInTheDocument();
  });

  it('shows an older copy’s text on request', async () => {
    const { backend, user } = renderView(detail());
    backend.on('capture_text', () => 'The old wording.');
    expect(screen.getByTestId('snapshot-text')).toHaveTextContent('First paragraph.');
    await user.click(screen.getByTestId('capture-show'));
    await waitFor(() => expect(screen.getByTestId('snapshot-text')).toHaveTextContent('The old wording.'));
    expect(backend.callsOf('capture_text')[0].args).toEqual({ uuid: 'cap-0' });
    expect(screen.getByTestId('snapshot-of')).toHaveTextContent('bbbbbbbbbbbb');
  });

  it('lists the citing claims with their anchors, and opens a claim', async () => {
    const { onopenclaim, user } = renderView(
      detail({
        citations: [
          { claim_uuid: 'c-1', claim_text: 'No plans to send troops.', status: 'researching', evidence_uuid: 'e-1', stance: 'supports', excerpt: 'no plans to send', anchor: makeAnchor({ state: 'found', start: 20, end: 36, context: ['The secretary said ', 'no plans to send', ' troops to Ukraine.'], in_latest: null }) },
          { claim_uuid: 'c-2', claim_text: 'Aid is held up.', status: 'new', evidence_uuid: 'e-2', stance: 'context', excerpt: '“held up”', anchor: makeAnchor({ state: 'approximate', start: 0, end: 8, context: ['', '"held up"', ' in Congress'], in_latest: false }) },
          { claim_uuid: 'c-3', claim_text: 'Troops are coming.', status: 'new', evidence_uuid: 'e-3', stance: 'refutes', excerpt: 'troops are coming', anchor: makeAnchor({ state: 'missing' }) },
        ],
      }),
    );
    const items = screen.getAllByTestId('citation');
    expect(within(screen.getByTestId('citations')).getByRole('heading')).toHaveTextContent('3 claims');
    expect(within(items[0]).getByTestId('anchor-badge')).toHaveAttribute('data-state', 'found');
    expect(within(items[0]).getByTestId('excerpt-context')).toHaveTextContent('…The secretary said no plans to send troops to Ukraine.');
    expect(within(items[0]).getByTestId('excerpt-hit')).toHaveTextContent(/^no plans to send$/);
    expect(within(items[1]).getByTestId('anchor-badge')).toHaveAttribute('data-state', 'approximate');
    expect(within(items[1]).getByTestId('anchor-approximate-note')).toHaveTextContent('matched ignoring spacing/quotes');
    expect(within(items[1]).getByTestId('anchor-stale')).toHaveTextContent('no longer on the page (changed since it was cited)');
    expect(within(items[2]).getByTestId('anchor-badge')).toHaveTextContent('not found in the archived copy');
    expect(within(items[2]).queryByTestId('excerpt-context')).not.toBeInTheDocument();
    expect(items[2]).toHaveTextContent('troops are coming');
    await user.click(within(items[1]).getByTestId('citation-open-claim'));
    expect(onopenclaim).toHaveBeenCalledWith('c-2');
  });

  it('opens the original in the system browser', async () => {
    const { backend, user } = renderView(detail());
    await user.click(screen.getByTestId('source-open-original'));
    await waitFor(() => expect(backend.callsOf('plugin:opener|open_url')).toHaveLength(1));
    expect((backend.callsOf('plugin:opener|open_url')[0].args as { url: string }).url).toBe('https://www.defense.gov/briefing');
  });
});

describe('from a source to its claims', () => {
  it('a click on a citing claim opens it in the claims screen', async () => {
    const { user } = await renderSources(LIBRARY, {
      's-1': {
        citations: [{ claim_uuid: 'c-1', claim_text: 'There are no plans to send US service members to fight in Ukraine.', status: 'researching', evidence_uuid: 'e-1', stance: 'supports', excerpt: '', anchor: makeAnchor({ state: 'no_excerpt' }) }],
      },
    });
    await user.click(screen.getAllByTestId('source-row')[0]);
    await user.click(await screen.findByTestId('citation-open-claim'));
    await waitFor(() => expect(screen.getByTestId('detail-text')).toHaveTextContent('no plans to send'));
    expect(screen.getByTestId('nav-claims')).toHaveAttribute('aria-current', 'page');
    expect(screen.getAllByTestId('claim-row')[0]).toHaveAttribute('aria-selected', 'true');
  });
});

describe('diff folding', () => {
  const same = (n: number) => Array.from({ length: n }, (_, i) => ({ op: 'same' as const, text: `s${i}` }));
  it('keeps everything when the runs are short, folds long runs with two lines of context', () => {
    expect(foldDiff([...same(3), { op: 'added', text: 'a' }])).toEqual([{ kind: 'lines', start: 0, lines: [...same(3), { op: 'added', text: 'a' }] }]);
    const blocks = foldDiff([{ op: 'removed', text: 'r' }, ...same(10), { op: 'added', text: 'a' }]);
    expect(blocks.map((b) => (b.kind === 'fold' ? `fold ${b.count}` : `lines ${b.lines.length}`))).toEqual(['lines 3', 'fold 6', 'lines 3']);
  });
});

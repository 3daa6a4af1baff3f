import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { emit } from '@tauri-apps/api/event';
import App from '../App.svelte';
import { segments } from '../lib/components/ArticleText.svelte';
import { fakeBackend, makeClaim, makeSource } from './fakeBackend';
import type { AcceptCandidate, Article, ArticleCandidate, ArticlePaste, CandidateKind, SimilarClaim } from '../lib/api/types';

// An emoji (two UTF-16 units, one code point) and accented letters come before the candidates, so a
// highlight placed with UTF-16 offsets would be off by one or more.
const TEXT = [
  'Café owners in Zürich 😀 protested on Monday.',
  'Pentagon Press Secretary Major General Pat Ryder said: “There are no plans to send US troops to fight in Ukraine.”',
  'Congress has yet to pass a $60 billion aid package for Ukraine.',
  'The weather was pleasant.',
].join('\n');

/** Code-point offsets of `part` in TEXT, as the backend gives them. */
function span(part: string): { start: number; end: number } {
  const at = TEXT.indexOf(part);
  if (at < 0) throw new Error(`not in the text: ${part}`);
  const start = Array.from(TEXT.slice(0, at)).length;
  return { start, end: start + Array.from(part).length };
}

function cand(text: string, kind: CandidateKind, score: number, over: Partial<ArticleCandidate> = {}, speaker: [string, string] | null = null): ArticleCandidate {
  return {
    candidate: { text, kind, speaker: speaker?.[0] ?? null, speaker_role: speaker?.[1] ?? null, score, reasons: [`reason for ${kind}`], ...span(text) },
    similar: [],
    matched: true,
    decision: null,
    claim_uuid: null,
    count: 1,
    repeats: [],
    wording: text,
    ...over,
  };
}

const SIMILAR: SimilarClaim = { uuid: 'c-1', text: 'There are no plans to send US service members to fight in Ukraine.', claimant: 'Pat Ryder', status: 'researching', said_on: '2024-02-27', rating: null, score: 0.82, origin: 'imported', checked_by: { publisher: 'Harbour Fact Check', rating_text: 'Accurate' }, differs: ['name'], theirs: [], yours: [] };

// Given in an order other than by score: the screen ranks them.
const CANDIDATES: ArticleCandidate[] = [
  cand('Congress has yet to pass a $60 billion aid package for Ukraine.', 'numeric', 0.7),
  cand('There are no plans to send US troops to fight in Ukraine.', 'quote', 0.92, { similar: [SIMILAR] }, ['Major General Pat Ryder', 'Pentagon Press Secretary']),
  cand('Café owners in Zürich 😀 protested on Monday.', 'factual', 0.31),
];

function articleFrom(paste: ArticlePaste, over: Partial<Article> = {}): Article {
  return {
    source: makeSource({ uuid: 's-9', title: paste.title || 'Zürich protest', url: paste.url, publisher: paste.publisher }),
    capture_uuid: 'cap-9',
    text: paste.text,
    candidates: CANDIDATES,
    existing: false,
    notes: [],
    ...over,
  };
}

async function openImport(over: Partial<Article> = {}, withCandidates = true) {
  const backend = fakeBackend([makeClaim()]);
  if (withCandidates) backend.on('import_article_text', (args) => articleFrom((args as { paste: ArticlePaste }).paste, over));
  render(App);
  await waitFor(() => expect(screen.getAllByTestId('claim-row')).toHaveLength(1));
  const user = userEvent.setup();
  await user.keyboard('{Alt>}3{/Alt}');
  await waitFor(() => expect(screen.getByTestId('paste-text')).toBeVisible());
  return { backend, user };
}

async function pasteArticle(over: Partial<Article> = {}) {
  const ctx = await openImport(over);
  // Typing the whole text is slow; paste it.
  screen.getByTestId('paste-text').focus();
  await ctx.user.paste(TEXT);
  await ctx.user.type(screen.getByTestId('paste-publisher'), 'Desk Wire');
  await ctx.user.click(screen.getByTestId('paste-go'));
  await waitFor(() => expect(screen.getAllByTestId('candidate')).toHaveLength(3));
  return ctx;
}

const cards = () => screen.getAllByTestId('candidate');
/** The cards drawn, read straight from the DOM (testing-library's queries are slow on a big article). */
const drawn5k = () => [...document.querySelectorAll<HTMLElement>('[data-testid="candidate"]')];

describe('import an article', () => {
  it('lists the candidates best first and highlights each at its code-point offsets', async () => {
    const { backend } = await pasteArticle();
    const sent = backend.callsOf('import_article_text')[0].args as { paste: ArticlePaste };
    expect(sent.paste).toMatchObject({ text: TEXT, publisher: 'Desk Wire', title: '', url: '' });

    expect(cards().map((c) => within(c).getByTestId('candidate-kind').textContent)).toEqual(['Direct quote', 'Numbers', 'Factual statement']);
    expect(within(cards()[0]).getByTestId('candidate-score')).toHaveTextContent('92');
    expect(within(cards()[0]).getByTestId('candidate-speaker')).toHaveTextContent('Major General Pat Ryder, Pentagon Press Secretary');
    expect(within(cards()[0]).getByTestId('candidate-reasons')).toHaveTextContent('reason for quote');
    expect(within(cards()[2]).getByTestId('candidate-speaker')).toHaveTextContent('No speaker found');

    // Each highlight covers exactly its candidate's words, even after the emoji and accents.
    const marks = screen.getAllByTestId('candidate-mark');
    expect(marks.map((m) => [m.textContent, m.dataset.kind])).toEqual([
      ['Café owners in Zürich 😀 protested on Monday.', 'factual'],
      ['There are no plans to send US troops to fight in Ukraine.', 'quote'],
      ['Congress has yet to pass a $60 billion aid package for Ukraine.', 'numeric'],
    ]);
    // The whole text is there, as text (nothing read as HTML).
    expect(screen.getByTestId('article-text').textContent).toBe(TEXT);
    // The best candidate is selected and emphasised.
    expect(marks[1]).toHaveClass('selected');
    expect(cards()[0]).toHaveAttribute('aria-current', 'true');
  });

  it('renders markup in the article as plain text', () => {
    const parts = segments('<b>x</b> said 😀 “<img src=x onerror=alert(1)>”', [{ start: 17, end: 17 + Array.from('<img src=x onerror=alert(1)>').length, kind: 'quote' }]);
    expect(parts.map((p) => p.text).join('')).toBe('<b>x</b> said 😀 “<img src=x onerror=alert(1)>”');
    expect(parts[1]).toEqual({ text: '<img src=x onerror=alert(1)>', index: 0, kind: 'quote', decision: null });
  });

  it('accepts with the edited wording and claimant, then links to the claim created', async () => {
    const { backend, user } = await pasteArticle();
    await user.click(within(cards()[0]).getByTestId('candidate-accept'));
    const wording = screen.getByTestId('accept-text');
    expect(wording).toHaveValue('There are no plans to send US troops to fight in Ukraine.');
    expect(wording).toHaveFocus();
    expect(screen.getByTestId('accept-claimant')).toHaveValue('Major General Pat Ryder');
    await user.clear(wording);
    await user.type(wording, 'The US has no plans to send troops to Ukraine.');
    await user.clear(screen.getByTestId('accept-claimant'));
    await user.type(screen.getByTestId('accept-claimant'), 'Pat Ryder');
    await user.click(screen.getByTestId('accept-save'));

    await waitFor(() => expect(within(cards()[0]).getByTestId('candidate-created')).toHaveTextContent('Claim created'));
    const input = (backend.callsOf('accept_candidate')[0].args as { input: AcceptCandidate }).input;
    expect(input).toEqual({
      capture_uuid: 'cap-9',
      ...span('There are no plans to send US troops to fight in Ukraine.'),
      text: 'The US has no plans to send troops to Ukraine.',
      claimant: 'Pat Ryder',
      claimant_role: 'Pentagon Press Secretary',
      tags: [],
    });
    expect(cards()[0]).toHaveAttribute('data-decision', 'accepted');
    // The card shows the claim's wording as edited, and what the article says.
    expect(within(cards()[0]).getByTestId('candidate-text')).toHaveTextContent('The US has no plans to send troops to Ukraine.');
    expect(within(cards()[0]).getByTestId('candidate-edited')).toHaveTextContent('the article says: “There are no plans to send US troops to fight in Ukraine.”');
    // The article pane marks the sentence as accepted.
    const mark = screen.getAllByTestId('candidate-mark').find((m) => m.dataset.index === '0')!;
    expect(mark).toHaveAttribute('data-decision', 'accepted');

    await user.click(within(cards()[0]).getByTestId('open-created-claim'));
    expect(screen.getByTestId('nav-claims')).toHaveAttribute('aria-current', 'page');
    await waitFor(() => expect(screen.getByTestId('detail-text')).toHaveTextContent('The US has no plans to send troops to Ukraine.'));
  });

  it('sends an empty wording when the candidate is accepted as it stands (keyboard: j, a, Ctrl+Enter)', async () => {
    const { backend, user } = await pasteArticle();
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('j');
    expect(cards()[1]).toHaveAttribute('aria-current', 'true');
    expect(screen.getAllByTestId('candidate-mark')[2]).toHaveClass('selected');
    await user.keyboard('a');
    expect(screen.getByTestId('accept-text')).toHaveFocus();
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(cards()[1]).toHaveAttribute('data-decision', 'accepted'));
    const input = (backend.callsOf('accept_candidate')[0].args as { input: AcceptCandidate }).input;
    // A narrative sentence with no speaker: the publisher is the claimant.
    expect(input).toMatchObject({ text: '', claimant: 'Desk Wire', ...span('Congress has yet to pass a $60 billion aid package for Ukraine.') });
  });

  it('rejects and reopens a candidate', async () => {
    const { backend, user } = await pasteArticle();
    await user.click(within(cards()[2]).getByTestId('candidate-reject'));
    await waitFor(() => expect(cards()[2]).toHaveAttribute('data-decision', 'rejected'));
    expect(backend.callsOf('reject_candidate')[0].args).toEqual({ captureUuid: 'cap-9', ...span('Café owners in Zürich 😀 protested on Monday.') });
    expect(screen.getAllByTestId('candidate-mark').find((m) => m.dataset.index === '2')).toHaveAttribute('data-decision', 'rejected');
    expect(within(cards()[2]).queryByTestId('candidate-accept')).toBeNull();

    await user.click(within(cards()[2]).getByTestId('candidate-reopen'));
    await waitFor(() => expect(cards()[2]).toHaveAttribute('data-decision', 'open'));
    expect(backend.callsOf('reopen_candidate')[0].args).toEqual({ captureUuid: 'cap-9', ...span('Café owners in Zürich 😀 protested on Monday.') });

    // r rejects the selected one.
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('r');
    await waitFor(() => expect(cards()[0]).toHaveAttribute('data-decision', 'rejected'));
  });

  it('holds j, k, a and r back while a candidate holds an unsaved edit, and Esc asks before dropping it (issue 17)', async () => {
    const { backend, user } = await pasteArticle();
    await user.click(within(cards()[0]).getByTestId('candidate-accept'));
    const form = screen.getByTestId('accept-form');
    expect(form).not.toHaveAttribute('data-unsaved');
    await user.type(screen.getByTestId('accept-text'), ' Really.');
    expect(form).toHaveAttribute('data-unsaved', 'true');
    // A click that misses every field, then letters: no other candidate is selected or rejected.
    await user.pointer({ keys: '[MouseLeft]', target: form });
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('jr');
    expect(cards()[0]).toHaveAttribute('aria-current', 'true');
    expect(backend.callsOf('reject_candidate')).toHaveLength(0);
    // Esc asks; Keep editing keeps the words.
    screen.getByTestId('accept-text').focus();
    await user.keyboard('{Escape}');
    expect(screen.getByTestId('discard-confirm')).toHaveTextContent('Discard your changes to this candidate?');
    await user.click(screen.getByTestId('discard-confirm-keep'));
    expect(screen.getByTestId('accept-text')).toHaveValue('There are no plans to send US troops to fight in Ukraine. Really.');
    // Discard closes the form; the letters are shortcuts again.
    await user.keyboard('{Escape}');
    await user.click(screen.getByTestId('discard-confirm-discard'));
    expect(screen.queryByTestId('accept-form')).not.toBeInTheDocument();
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('j');
    expect(cards()[1]).toHaveAttribute('aria-current', 'true');
  });

  it('shows a failed decision in words', async () => {
    const { backend, user } = await pasteArticle();
    backend.on('reject_candidate', () => {
      throw { kind: 'Storage', message: 'The workspace could not be written.', field: null };
    });
    await user.click(within(cards()[1]).getByTestId('candidate-reject'));
    await waitFor(() => expect(within(cards()[1]).getByTestId('candidate-error')).toHaveTextContent('The workspace could not be written.'));
    expect(cards()[1]).toHaveAttribute('data-decision', 'open');
  });

  it('marks a candidate that matches a claim in the workspace, linking to it', async () => {
    const { user } = await pasteArticle();
    const mark = within(cards()[0]).getByTestId('candidate-similar');
    expect(mark).toHaveTextContent('Similar claim already in the workspace');
    // Who else checked it, and what it may state differently, on the candidate itself.
    expect(within(mark).getByTestId('similar-checked-by')).toHaveTextContent('Already checked by Harbour Fact Check, rated “Accurate”');
    expect(within(mark).getByTestId('similar-differs')).toHaveTextContent('May be another claim: another person or place');
    expect(within(cards()[1]).queryByTestId('candidate-similar')).toBeNull();
    await user.click(within(mark).getByTestId('similar-link'));
    expect(screen.getByTestId('nav-claims')).toHaveAttribute('aria-current', 'page');
    await waitFor(() => expect(screen.getByTestId('detail-text')).toHaveTextContent('no plans to send US service members'));
  });

  it('says when the article was already in the library', async () => {
    await pasteArticle({ existing: true });
    expect(screen.getByTestId('article-existing')).toHaveTextContent('This article is already in your library; showing it again');
  });

  it('takes "Published on" typed as 27/02/2024 (no picker in the way) and sends 2024-02-27', async () => {
    const { backend, user } = await openImport();
    const date = screen.getByTestId('paste-date');
    expect(date).toHaveAttribute('type', 'text');
    expect(date).toHaveValue('');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    screen.getByTestId('paste-text').focus();
    await user.paste(TEXT);
    await user.type(date, '27/02/2024');
    expect(screen.getByTestId('paste-date-words')).toHaveTextContent('27 February 2024');
    await user.click(screen.getByTestId('paste-go'));
    await waitFor(() => expect(backend.callsOf('import_article_text')).toHaveLength(1));
    expect((backend.callsOf('import_article_text')[0].args as { paste: ArticlePaste }).paste.published_on).toBe('2024-02-27');
  });

  it('refuses a "Published on" that is not a date under the field, and sends nothing', async () => {
    const { backend, user } = await openImport();
    screen.getByTestId('paste-text').focus();
    await user.paste(TEXT);
    const date = screen.getByTestId('paste-date');
    await user.type(date, '31/02/2024');
    await user.click(screen.getByTestId('paste-go'));
    expect(await screen.findByTestId('field-error-published_on')).toHaveTextContent('Not a date: February 2024 has 29 days.');
    expect(date).toHaveFocus();
    expect(backend.callsOf('import_article_text')).toHaveLength(0);
    await user.clear(date);
    await user.type(date, '29/02/2024');
    expect(screen.queryByTestId('field-error-published_on')).not.toBeInTheDocument();
  });

  it('shows the Validation message under the text field for an empty paste', async () => {
    // The fake backend's own import_article_text, which refuses empty text as the core does.
    const { user } = await openImport({}, false);
    await user.type(screen.getByTestId('paste-text'), '   ');
    await user.click(screen.getByTestId('paste-go'));
    await waitFor(() => expect(screen.getByTestId('field-error-text')).toHaveTextContent("Paste the article's text first"));
    expect(screen.getByTestId('paste-text')).toHaveFocus();
    expect(screen.getByTestId('paste-text')).toHaveAttribute('aria-invalid', 'true');
  });

  it('fetches from an address with a progress state and shows a Network error in words', async () => {
    const { backend, user } = await openImport();
    let fail!: (e: unknown) => void;
    backend.on('import_article_url', () => new Promise((_, rej) => (fail = rej)));
    await user.type(screen.getByTestId('import-url'), 'https://news.example/story{Enter}');
    await waitFor(() => expect(screen.getByTestId('import-url-progress')).toHaveTextContent('up to 20 seconds'));
    expect(screen.getByTestId('import-url-go')).toBeDisabled();
    expect(backend.callsOf('import_article_url')[0].args).toEqual({ url: 'https://news.example/story' });
    fail({ kind: 'Network', message: 'The server answered 404: the page was not found.', field: null });
    await waitFor(() => expect(screen.getByTestId('import-url-error')).toHaveTextContent('The article could not be fetched. The server answered 404: the page was not found.'));
    expect(screen.queryByTestId('import-url-progress')).toBeNull();
    expect(screen.getByTestId('import-url-error').textContent).not.toMatch(/Error|at .*:\d+/);
  });

  it('opens a file through the backend and does nothing when cancelled', async () => {
    const { backend, user } = await openImport();
    await user.click(screen.getByTestId('open-file'));
    await waitFor(() => expect(backend.callsOf('import_article_file')).toHaveLength(1));
    expect(screen.getByTestId('paste-text')).toBeVisible();
    backend.on('import_article_file', () => articleFrom({ text: TEXT, title: 'From a file', url: '', publisher: '' }));
    await user.click(screen.getByTestId('open-file'));
    await waitFor(() => expect(screen.getByTestId('article-title')).toHaveTextContent('From a file'));
    await user.click(screen.getByTestId('import-another'));
    expect(screen.getByTestId('paste-text')).toBeVisible();
  });

  it('opens a source already in the library as an article, with the decisions taken', async () => {
    const stored = makeSource({ uuid: 's-9', title: 'Zürich protest' });
    const decided = CANDIDATES.map((c, i) => (i === 1 ? { ...c, decision: 'accepted' as const, claim_uuid: 'c-1' } : c));
    const backend = fakeBackend([makeClaim()], [stored], { 's-9': { text: TEXT } });
    backend.on('article', (args) => {
      if ((args as { sourceUuid: string }).sourceUuid !== 's-9') throw { kind: 'NotFound', message: 'No such article.', field: null };
      return articleFrom({ text: TEXT, title: 'Zürich protest', url: '', publisher: '' }, { candidates: decided, existing: true });
    });
    render(App);
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('nav-sources'));
    await user.click(await screen.findByTestId('source-row'));
    await user.click(await screen.findByTestId('source-open-article'));
    expect(screen.getByTestId('nav-import')).toHaveAttribute('aria-current', 'page');
    await waitFor(() => expect(screen.getByTestId('article-title')).toHaveTextContent('Zürich protest'));
    expect(backend.callsOf('article')[0].args).toEqual({ sourceUuid: 's-9' });
    expect(cards()).toHaveLength(3);
    // The Ryder quote ranks first and still shows the claim made from it.
    expect(within(cards()[0]).getByTestId('candidate-created')).toBeInTheDocument();
  });

  it('says in words when a source cannot be opened as an article', async () => {
    const backend = fakeBackend([makeClaim()], [makeSource({ uuid: 's-9', title: 'Gone' })], { 's-9': { text: TEXT } });
    render(App);
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('nav-sources'));
    await user.click(await screen.findByTestId('source-row'));
    await user.click(await screen.findByTestId('source-open-article'));
    await waitFor(() => expect(screen.getByTestId('error-banner')).toHaveTextContent('Could not open the article: No such article.'));
    expect(backend.callsOf('article')).toHaveLength(1);
    expect(screen.getByTestId('paste-text')).toBeVisible();
  });

  it('lists the import shortcuts in the help overlay', async () => {
    const { user } = await openImport();
    await user.click(screen.getByTestId('open-help'));
    const help = screen.getByTestId('help-overlay');
    expect(help).toHaveTextContent('Import screen');
    expect(help).toHaveTextContent('Next candidate claim');
    expect(help).toHaveTextContent('Reject the selected candidate');
  });

  it('shows how far a long import is, and Cancel stops it with nothing kept; the next import works', async () => {
    const { backend, user } = await openImport();
    let fail: (e: unknown) => void = () => {};
    backend.on('import_article_text', () => new Promise((_, reject) => (fail = reject)));
    screen.getByTestId('paste-text').focus();
    await user.paste(TEXT);
    await user.click(screen.getByTestId('paste-go'));
    await waitFor(() => expect(screen.getByTestId('import-progress-text')).toHaveTextContent('Starting…'));
    await emit('article-progress', { stage: 'reading', done: 1200, total: 4800 });
    await waitFor(() => expect(screen.getByTestId('import-progress-text')).toHaveTextContent('Reading the article: paragraph 1,200 of 4,800'));
    expect(screen.getByTestId('import-progress-bar')).toHaveAttribute('value', '1200');
    await emit('article-progress', { stage: 'matching', done: 32, total: 100 });
    await waitFor(() => expect(screen.getByTestId('import-progress-text')).toHaveTextContent('Looking for similar claims in the workspace: 32 of 100'));
    // Another way in cannot start meanwhile.
    expect(screen.getByTestId('open-file')).toBeDisabled();

    await user.click(screen.getByTestId('import-cancel'));
    expect(backend.callsOf('cancel_article_import')).toHaveLength(1);
    expect(screen.getByTestId('import-progress-text')).toHaveTextContent('Cancelling…');
    fail({ kind: 'Cancelled', message: 'The import was cancelled; nothing was kept.', field: null });
    await waitFor(() => expect(screen.getByTestId('import-cancelled')).toHaveTextContent('Import cancelled: nothing was kept.'));
    expect(screen.queryByTestId('import-progress')).toBeNull();
    expect(screen.queryByTestId('paste-error')).toBeNull();
    expect(screen.getByTestId('paste-text')).toHaveValue(TEXT);

    // The same paste again imports normally.
    backend.on('import_article_text', (args) => articleFrom((args as { paste: ArticlePaste }).paste));
    await user.click(screen.getByTestId('paste-go'));
    await waitFor(() => expect(screen.getAllByTestId('candidate')).toHaveLength(3));
  });

  it('shows a sentence said several times as one candidate with its count, marked everywhere in the text', async () => {
    const again = `${TEXT}\nCongress has yet to pass a $60 billion aid package for Ukraine.\nCongress has yet to pass a $60 billion aid package for Ukraine.`;
    const first = span('Congress has yet to pass a $60 billion aid package for Ukraine.');
    const len = first.end - first.start;
    const n = Array.from(TEXT).length;
    const repeats: [number, number][] = [
      [n + 1, n + 1 + len],
      [n + 2 + len, n + 2 + 2 * len],
    ];
    const backend = fakeBackend([makeClaim()]);
    backend.on('import_article_text', (args) => ({
      ...articleFrom((args as { paste: ArticlePaste }).paste),
      text: again,
      candidates: [cand('Congress has yet to pass a $60 billion aid package for Ukraine.', 'numeric', 0.7, { count: 3, repeats }), CANDIDATES[1]],
    }));
    render(App);
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('nav-import'));
    screen.getByTestId('paste-text').focus();
    await user.paste(again);
    await user.click(screen.getByTestId('paste-go'));
    await waitFor(() => expect(screen.getAllByTestId('candidate')).toHaveLength(2));
    const card = cards().find((c) => c.textContent?.includes('Congress'))!;
    expect(within(card).getByTestId('candidate-count')).toHaveTextContent('said 3 times');
    expect(within(cards()[0]).queryByTestId('candidate-count')).toBeNull();
    expect(screen.getByTestId('candidates-merged')).toHaveTextContent('2 repeats merged');
    const index = card.dataset.index;
    const marks = screen.getAllByTestId('candidate-mark').filter((m) => m.dataset.index === index);
    expect(marks).toHaveLength(3);
    marks.forEach((m) => expect(m).toHaveTextContent('Congress has yet to pass a $60 billion aid package for Ukraine.'));
  });

  it('draws only a window of the cards of 5,000 candidates, matches those in view on demand, and j walks the list', { timeout: 30000 }, async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `Sentence number ${i} says the budget rose by ${i} per cent.`);
    const text = lines.join('\n');
    let at = 0;
    const many: ArticleCandidate[] = lines.map((l, i) => {
      const c: ArticleCandidate = {
        candidate: { text: l, kind: 'numeric', speaker: null, speaker_role: null, score: 1 - i / 10000, reasons: ['a number'], start: at, end: at + l.length },
        similar: [],
        matched: i < 100,
        decision: null,
        claim_uuid: null,
        count: 1,
        repeats: [],
        wording: l,
      };
      at += l.length + 1;
      return c;
    });
    const backend = fakeBackend([makeClaim()]);
    backend.on('import_article_text', (args) => ({ ...articleFrom((args as { paste: ArticlePaste }).paste), text, candidates: many }));
    backend.on('candidates_similar', (args) => (args as { asks: [string, string | null][] }).asks.map(([t]) => (t.includes('number 104 ') ? [SIMILAR] : [])));
    render(App);
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('nav-import'));
    screen.getByTestId('paste-text').focus();
    await user.paste('A long article.');
    await user.click(screen.getByTestId('paste-go'));
    await waitFor(() => expect(screen.getByTestId('candidate-list')).toHaveAttribute('data-count', '5000'));
    const drawn = drawn5k();
    expect(drawn.length).toBeGreaterThan(2);
    expect(drawn.length).toBeLessThan(40);
    expect(drawn[0]).toHaveAttribute('data-index', '0');
    // The list is as tall as all 5,000 would be.
    expect(parseFloat(screen.getByTestId('candidate-list').style.paddingBottom)).toBeGreaterThan(100000);

    // Scrolled far down: the cards there are drawn, the first ones are not.
    const scroller = screen.getByTestId('candidate-scroller');
    scroller.scrollTop = 400000;
    scroller.dispatchEvent(new Event('scroll'));
    await waitFor(() => expect(Number(drawn5k()[0].dataset.index)).toBeGreaterThan(1000));
    expect(drawn5k().length).toBeLessThan(40);
    // Those in view were not matched at import: they are matched now, and only they.
    await waitFor(() => expect(backend.callsOf('candidates_similar').length).toBeGreaterThan(0));
    const asked = backend.callsOf('candidates_similar').flatMap((c) => (c.args as { asks: [string, string | null][] }).asks);
    expect(asked.length).toBeLessThan(40);
    expect(asked.every(([t]) => Number(/number (\d+)/.exec(t)![1]) > 1000)).toBe(true);

    // Back to the top, one card down with j.
    scroller.scrollTop = 0;
    scroller.dispatchEvent(new Event('scroll'));
    await waitFor(() => expect(drawn5k()[0]).toHaveAttribute('data-index', '0'));
    (document.activeElement as HTMLElement | null)?.blur();
    // (user-event's keyboard is slow on a document this big: the key is sent as the window gets it.)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
    await waitFor(() => expect(drawn5k().find((c) => c.dataset.index === '1')).toHaveAttribute('aria-current', 'true'));
    // A click on candidate 104's words in the article brings its card into view, matched on demand.
    [...document.querySelectorAll<HTMLElement>('[data-testid="candidate-mark"]')].find((m) => m.dataset.index === '104')!.click();
    await waitFor(() => {
      const c = drawn5k().find((x) => x.dataset.index === '104');
      expect(c).toHaveAttribute('aria-current', 'true');
      expect(within(c!).getByTestId('candidate-similar')).toHaveTextContent('There are no plans');
    });
    expect(drawn5k().length).toBeLessThan(40);
  });
});

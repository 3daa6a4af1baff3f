// The claim itself: language, context and assignee in the form and the view; similar claims while
// typing; possible duplicates confirmed or dismissed; a linked verdict; fact-checks by others.
import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ClaimForm from '../lib/components/ClaimForm.svelte';
import ClaimView from '../lib/components/ClaimView.svelte';
import App from '../App.svelte';
import { RATINGS, SCALE, fakeBackend, makeClaim } from './fakeBackend';
import type { ClaimDetail, ClaimInput, ExternalReview, SimilarClaim, Verdict } from '../lib/api/types';

const verdict = (over: Partial<Verdict> = {}): Verdict => ({
  uuid: 'v-1',
  rating: RATINGS[2],
  rationale: 'The transcript says otherwise.',
  author: 'alex',
  created_at: '2024-02-28T12:00:00Z',
  superseded_at: null,
  ...over,
});

const similar = (over: Partial<SimilarClaim> = {}): SimilarClaim => ({
  uuid: 'c-2',
  text: 'The US has no plans to send troops to fight in Ukraine.',
  claimant: 'Pat Ryder',
  status: 'published',
  said_on: '2024-02-27',
  rating: RATINGS[0],
  score: 0.8,
  origin: 'desk',
  checked_by: null,
  differs: [],
  theirs: [],
  yours: [],
  ...over,
});

const review = (over: Partial<ExternalReview> = {}): ExternalReview => ({
  uuid: 'r-1',
  publisher: 'PolitiFact',
  publisher_url: 'https://www.politifact.com',
  url: 'https://www.politifact.com/factchecks/2024/feb/28/troops/',
  headline: 'No, the US is not sending troops to Ukraine',
  author: 'Sam Reviewer',
  reviewed_on: '2024-02-28',
  rating_text: 'Pants on Fire',
  rating_value: '1',
  best_rating: '6',
  worst_rating: '1',
  mapped_rating: RATINGS[2],
  mapped_by: 'names',
  language: 'en',
  imported_at: '2024-03-01T10:00:00Z',
  ...over,
});

const WORDING = 'There are no plans to send American troops to Ukraine';

function renderForm(claims: ClaimDetail[] = [makeClaim()], props: Partial<{ claim: ClaimDetail | null; onopen: (uuid: string) => void }> = {}) {
  const backend = fakeBackend(claims);
  const onsaved = vi.fn();
  const oncancel = vi.fn();
  render(ClaimForm, { onsaved, oncancel, ...props });
  return { backend, onsaved, oncancel, user: userEvent.setup() };
}

describe('claim form: language, context and assignee', () => {
  it('sends them when creating, and "Assign to me" fills in the checker\'s own name', async () => {
    const { backend, onsaved, user } = renderForm();
    await user.type(screen.getByTestId('claim-text'), 'Unemployment fell to 3.1% in May.');
    await user.type(screen.getByTestId('claim-language'), 'pt-BR');
    await user.type(screen.getByTestId('claim-context'), 'Said in a TV debate, answering a question on jobs.');
    // The checker's name comes from the workspace (the fake's actor is "tester").
    await user.click(await screen.findByTestId('claim-assign-me'));
    expect(screen.getByTestId('claim-assignee')).toHaveValue('tester');
    expect(screen.queryByTestId('claim-assign-me')).not.toBeInTheDocument();
    // The language field offers common codes and takes any other.
    const list = document.getElementById(screen.getByTestId('claim-language').getAttribute('list')!);
    expect(Array.from(list!.querySelectorAll('option'), (o) => o.value)).toEqual(expect.arrayContaining(['en', 'fr', 'pt-BR']));
    await user.click(screen.getByTestId('claim-save'));
    await waitFor(() => expect(onsaved).toHaveBeenCalledTimes(1));
    const input = (backend.callsOf('create_claim')[0].args as { input: ClaimInput }).input;
    expect(input).toMatchObject({ language: 'pt-BR', context: 'Said in a TV debate, answering a question on jobs.', assignee: 'tester' });
    expect(onsaved.mock.calls[0][0]).toMatchObject({ language: 'pt-BR', assignee: 'tester' });
  });

  it('shows the saved values when editing and sends them back, changed or cleared', async () => {
    const claim = makeClaim({ language: 'fr', context: 'Interview on France Inter.', assignee: 'Mira' });
    const { backend, onsaved, user } = renderForm([claim], { claim });
    expect(screen.getByTestId('claim-language')).toHaveValue('fr');
    expect(screen.getByTestId('claim-context')).toHaveValue('Interview on France Inter.');
    expect(screen.getByTestId('claim-assignee')).toHaveValue('Mira');
    await user.clear(screen.getByTestId('claim-context'));
    await user.clear(screen.getByTestId('claim-assignee'));
    await user.type(screen.getByTestId('claim-assignee'), 'Jo');
    await user.click(screen.getByTestId('claim-save'));
    await waitFor(() => expect(onsaved).toHaveBeenCalledTimes(1));
    const input = (backend.callsOf('update_claim')[0].args as { input: ClaimInput }).input;
    expect(input).toMatchObject({ language: 'fr', context: '', assignee: 'Jo' });
  });

  it("puts the backend's message about a bad language code under the language field", async () => {
    const { backend, user } = renderForm();
    backend.on('create_claim', () => {
      throw { kind: 'Validation', message: '“english please” is not a language code: use a short code such as en, fr or pt-BR.', field: 'language' };
    });
    await user.type(screen.getByTestId('claim-text'), 'Unemployment fell to 3.1% in May.');
    await user.type(screen.getByTestId('claim-language'), 'english please');
    await user.click(screen.getByTestId('claim-save'));
    expect(await screen.findByTestId('field-error-language')).toHaveTextContent('is not a language code');
    expect(screen.getByTestId('claim-language')).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(screen.getByTestId('claim-language')).toHaveFocus());
  });
});

describe('claim form: similar claims while typing', () => {
  it('asks once after a pause in typing, shows what is already in the workspace, and a later answer replaces it', async () => {
    const { backend, user } = renderForm();
    backend.on('similar_claims', (args) => {
      const { text } = args as { text: string };
      return text.includes('Kyiv')
        ? [similar({ uuid: 'c-3', text: 'NATO troops will never go to Kyiv, the ministry said.', claimant: 'Defence ministry', status: 'new', rating: null })]
        : [similar(), similar({ uuid: 'c-4', text: 'No American soldiers are going to fight in Ukraine.', claimant: null, status: 'researching', rating: null })];
    });
    await user.type(screen.getByTestId('claim-text'), WORDING);
    const panel = await screen.findByTestId('similar-claims');
    // One question for the whole burst of typing, with the whole wording; a new claim excludes nothing.
    expect(backend.callsOf('similar_claims')).toHaveLength(1);
    expect(backend.callsOf('similar_claims')[0].args).toEqual({ text: WORDING, exclude: null });
    expect(panel).toHaveTextContent('Already in the workspace');
    const items = within(panel).getAllByTestId('similar-claim');
    expect(items.map((i) => i.dataset.uuid)).toEqual(['c-2', 'c-4']);
    expect(items[0]).toHaveTextContent('“The US has no plans to send troops to fight in Ukraine.”');
    expect(items[0]).toHaveTextContent('Pat Ryder');
    expect(items[0]).toHaveTextContent('Published');
    expect(within(items[0]).getByTestId('similar-claim-rating')).toHaveTextContent('True');
    expect(items[1]).toHaveTextContent('Researching');
    expect(within(items[1]).queryByTestId('similar-claim-rating')).not.toBeInTheDocument();

    await user.type(screen.getByTestId('claim-text'), ' or Kyiv');
    await waitFor(() => expect(backend.callsOf('similar_claims')).toHaveLength(2));
    await waitFor(() => expect(screen.getAllByTestId('similar-claim').map((i) => i.dataset.uuid)).toEqual(['c-3']));
    expect(screen.getByTestId('similar-claims')).toHaveTextContent('Defence ministry');
    expect(screen.getByTestId('similar-claims')).not.toHaveTextContent('Pat Ryder');
  });

  it('does not ask about very short wording, and clears the panel when the wording gets short again', async () => {
    const { backend, user } = renderForm();
    backend.on('similar_claims', () => [similar()]);
    await user.type(screen.getByTestId('claim-text'), 'Taxes rose');
    await new Promise((r) => setTimeout(r, 450));
    expect(backend.callsOf('similar_claims')).toHaveLength(0);
    expect(screen.queryByTestId('similar-claims')).not.toBeInTheDocument();

    await user.type(screen.getByTestId('claim-text'), ' by a third in 2023');
    await screen.findByTestId('similar-claims');
    await user.clear(screen.getByTestId('claim-text'));
    await user.type(screen.getByTestId('claim-text'), 'Taxes');
    expect(screen.queryByTestId('similar-claims')).not.toBeInTheDocument();
  });

  it('drops an answer that arrives after the wording changed', async () => {
    const { backend, user } = renderForm();
    let release: (v: SimilarClaim[]) => void = () => {};
    backend.on('similar_claims', (args) =>
      (args as { text: string }).text.endsWith('Ukraine') ? new Promise<SimilarClaim[]>((r) => (release = r)) : [similar({ uuid: 'c-9', text: 'Newer answer' })],
    );
    await user.type(screen.getByTestId('claim-text'), WORDING);
    await waitFor(() => expect(backend.callsOf('similar_claims')).toHaveLength(1));
    await user.type(screen.getByTestId('claim-text'), ' soon');
    await waitFor(() => expect(screen.getAllByTestId('similar-claim').map((i) => i.dataset.uuid)).toEqual(['c-9']));
    release([similar({ uuid: 'c-old', text: 'Stale answer' })]);
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getAllByTestId('similar-claim').map((i) => i.dataset.uuid)).toEqual(['c-9']);
  });

  it('says who else already checked a matched claim, from its imported fact-check', async () => {
    const { backend, user } = renderForm();
    backend.on('similar_claims', () => [
      similar({ status: 'archived', rating: null, origin: 'imported', checked_by: { publisher: 'PolitiFact', rating_text: 'False' } }),
    ]);
    await user.type(screen.getByTestId('claim-text'), WORDING);
    expect(await screen.findByTestId('similar-checked-by')).toHaveTextContent('Already checked by PolitiFact, rated “False”');
    // Told in the match itself: no claim is opened to find out who checked it.
    expect(backend.callsOf('get_claim')).toHaveLength(0);
  });

  it('warns when a match reads alike but states another figure or direction', async () => {
    const { backend, user } = renderForm();
    backend.on('similar_claims', () => [similar({ uuid: 'c-near', differs: ['figure', 'direction'] }), similar({ uuid: 'c-same' })]);
    await user.type(screen.getByTestId('claim-text'), WORDING);
    await waitFor(() => expect(screen.getAllByTestId('similar-claim')).toHaveLength(2));
    const [near, same] = screen.getAllByTestId('similar-claim');
    expect(within(near).getByTestId('similar-differs')).toHaveTextContent('May be another claim: another figure and the opposite direction');
    expect(within(same).queryByTestId('similar-differs')).toBeNull();
  });

  it('names the words a near match changes or adds', async () => {
    const { backend, user } = renderForm();
    backend.on('similar_claims', () => [
      similar({ uuid: 'c-swap', differs: ['word'], theirs: ['Gun'], yours: ['Knife'] }),
      similar({ uuid: 'c-added', differs: ['qualifier'], theirs: ['council'], yours: [] }),
    ]);
    await user.type(screen.getByTestId('claim-text'), WORDING);
    await waitFor(() => expect(screen.getAllByTestId('similar-claim')).toHaveLength(2));
    const [swap, added] = screen.getAllByTestId('similar-claim');
    expect(within(swap).getByTestId('similar-differs')).toHaveTextContent('May be another claim: other words for what is claimed (“Gun” where yours says “Knife”)');
    expect(within(added).getByTestId('similar-differs')).toHaveTextContent('May be another claim: a word added (it adds “council”)');
  });

  it('never blocks saving, even while the lookup has not answered', async () => {
    const { backend, onsaved, user } = renderForm();
    backend.on('similar_claims', () => new Promise(() => {}));
    await user.type(screen.getByTestId('claim-text'), WORDING);
    await waitFor(() => expect(backend.callsOf('similar_claims')).toHaveLength(1));
    await user.click(screen.getByTestId('claim-save'));
    await waitFor(() => expect(onsaved).toHaveBeenCalledTimes(1));
  });

  it('asks before opening a match when the form holds typing, and opens it only when told', async () => {
    const onopen = vi.fn();
    const { backend, user } = renderForm([makeClaim()], { onopen });
    backend.on('similar_claims', () => [similar()]);
    await user.type(screen.getByTestId('claim-text'), WORDING);
    await user.click(await screen.findByTestId('similar-open'));
    const ask = screen.getByTestId('similar-confirm');
    expect(ask).toHaveTextContent('What you typed in this form is not saved and will be lost.');
    expect(onopen).not.toHaveBeenCalled();
    await user.click(screen.getByTestId('similar-confirm-stay'));
    expect(screen.queryByTestId('similar-confirm')).not.toBeInTheDocument();
    expect(screen.getByTestId('claim-text')).toHaveValue(WORDING);
    await user.click(screen.getByTestId('similar-open'));
    await user.click(screen.getByTestId('similar-confirm-open'));
    expect(onopen).toHaveBeenCalledWith('c-2');
  });

  it('offers no Open button when nothing can open a claim', async () => {
    const { backend, user } = renderForm();
    backend.on('similar_claims', () => [similar()]);
    await user.type(screen.getByTestId('claim-text'), WORDING);
    await screen.findByTestId('similar-claims');
    expect(screen.queryByTestId('similar-open')).not.toBeInTheDocument();
  });

  it('leaves the claim being edited out, and does not look up the wording it opened with', async () => {
    const claim = makeClaim({ uuid: 'c-1' });
    const { backend, user } = renderForm([claim], { claim });
    backend.on('similar_claims', () => [similar()]);
    await new Promise((r) => setTimeout(r, 450));
    expect(backend.callsOf('similar_claims')).toHaveLength(0);
    await user.type(screen.getByTestId('claim-text'), ' again');
    await screen.findByTestId('similar-claims');
    expect(backend.callsOf('similar_claims')[0].args).toEqual({ text: `${claim.text} again`, exclude: 'c-1' });
  });

  it('shows untrusted wording as text', async () => {
    const { backend, user } = renderForm();
    backend.on('similar_claims', () => [similar({ text: '<img src=x onerror="alert(1)"> troops <b>now</b>', claimant: '<script>x()</script>' })]);
    await user.type(screen.getByTestId('claim-text'), WORDING);
    const panel = await screen.findByTestId('similar-claims');
    expect(panel.querySelector('img, b, script')).toBeNull();
    expect(panel).toHaveTextContent('<img src=x onerror="alert(1)"> troops <b>now</b>');
    expect(panel).toHaveTextContent('<script>x()</script>');
  });
});

/** Renders the view as ClaimsScreen does: the updated claim it is handed replaces the shown one. */
function renderView(claim: ClaimDetail, others: ClaimDetail[] = []) {
  const backend = fakeBackend([claim, ...others]);
  const onupdated = vi.fn();
  const onopenclaim = vi.fn();
  const onerror = vi.fn();
  const props = { claim, scale: SCALE, onedit: vi.fn(), onchanged: vi.fn(), onupdated, onerror, onopenclaim };
  const view = render(ClaimView, props);
  onupdated.mockImplementation((d: ClaimDetail) => view.rerender({ ...props, claim: { ...d } }));
  return { backend, onupdated, onopenclaim, onerror, user: userEvent.setup() };
}

describe('claim view: the claim itself', () => {
  it('shows language, assignee and context notes in the header', () => {
    renderView(makeClaim({ language: 'fr', assignee: 'Mira', context: 'Radio interview;\nanswering a listener.' }));
    expect(screen.getByTestId('detail-language')).toHaveTextContent('fr · French');
    expect(screen.getByTestId('detail-assignee')).toHaveTextContent('Mira');
    expect(screen.getByTestId('detail-context')).toHaveTextContent('Radio interview; answering a listener.');
  });

  it('says when language and assignee are not set, and shows no empty context box', () => {
    renderView(makeClaim());
    expect(screen.getByTestId('detail-language')).toHaveTextContent('Not set');
    expect(screen.getByTestId('detail-assignee')).toHaveTextContent('Nobody yet');
    expect(screen.queryByTestId('detail-context')).not.toBeInTheDocument();
  });
});

describe('claim view: possible duplicates', () => {
  const other = makeClaim({ uuid: 'c-2', text: 'The US has no plans to send troops to fight in Ukraine.', status: 'published', verdict: verdict() });
  const third = makeClaim({ uuid: 'c-3', text: 'No US soldiers will fight in Ukraine, the Pentagon says.' });
  const suggest = (backend: ReturnType<typeof fakeBackend>) => {
    backend.suggestions['c-1'] = [
      similar({ rating: RATINGS[2], checked_by: { publisher: 'PolitiFact', rating_text: 'True' } }),
      similar({ uuid: 'c-3', text: third.text, rating: null, status: 'new', differs: ['negation'] }),
    ];
  };

  it('lists suggestions, and Confirm links the pair through the backend', async () => {
    const claim = makeClaim();
    const backend = fakeBackend([claim, other, third]);
    suggest(backend);
    const onupdated = vi.fn();
    const onopenclaim = vi.fn();
    const props = { claim, scale: SCALE, onedit: vi.fn(), onchanged: vi.fn(), onupdated, onerror: vi.fn(), onopenclaim };
    const view = render(ClaimView, props);
    onupdated.mockImplementation((d: ClaimDetail) => view.rerender({ ...props, claim: { ...d } }));
    const user = userEvent.setup();

    const items = await screen.findAllByTestId('possible-duplicate');
    expect(items.map((i) => i.dataset.uuid)).toEqual(['c-2', 'c-3']);
    expect(items[0]).toHaveTextContent('Pat Ryder');
    expect(within(items[0]).getByTestId('similar-checked-by')).toHaveTextContent('Already checked by PolitiFact, rated “True”');
    expect(within(items[1]).getByTestId('similar-differs')).toHaveTextContent('May be another claim: a "not" on one side only');
    expect(items[0]).toHaveTextContent('False');
    expect(screen.queryByTestId('same-as')).not.toBeInTheDocument();
    expect(screen.getByText('No verdict yet.')).toBeInTheDocument();

    await user.click(within(items[0]).getByTestId('duplicate-confirm'));
    await waitFor(() => expect(backend.callsOf('confirm_match')).toHaveLength(1));
    expect(backend.callsOf('confirm_match')[0].args).toEqual({ uuid: 'c-1', other: 'c-2' });
    await waitFor(() => expect(onupdated).toHaveBeenCalledTimes(1));
    // The panel follows the returned claim: c-2 is the same claim now, and no longer a suggestion.
    const same = await screen.findAllByTestId('same-as-item');
    expect(same.map((i) => i.dataset.uuid)).toEqual(['c-2']);
    await waitFor(() => expect(screen.getAllByTestId('possible-duplicate').map((i) => i.dataset.uuid)).toEqual(['c-3']));
    // This claim has no verdict of its own: the linked one shows, clearly as the other claim's.
    const linked = screen.getByTestId('linked-verdict');
    expect(linked).toHaveTextContent('Verdict from the same claim');
    expect(within(linked).getByTestId('linked-verdict-label')).toHaveTextContent('False');
    expect(linked).toHaveTextContent('The transcript says otherwise.');
    expect(screen.queryByText('No verdict yet.')).not.toBeInTheDocument();
    await user.click(within(linked).getByTestId('linked-verdict-open'));
    expect(onopenclaim).toHaveBeenCalledWith('c-2');
    // Its wording opens it too.
    await user.click(within(same[0]).getByTestId('match-open'));
    expect(onopenclaim).toHaveBeenCalledTimes(2);
  });

  it('Dismiss calls dismissMatch and the suggestion stops appearing, also after a reload', async () => {
    const claim = makeClaim();
    const backend = fakeBackend([claim, other, third]);
    suggest(backend);
    const onupdated = vi.fn();
    const props = { claim, scale: SCALE, onedit: vi.fn(), onchanged: vi.fn(), onupdated, onerror: vi.fn() };
    const view = render(ClaimView, props);
    onupdated.mockImplementation((d: ClaimDetail) => view.rerender({ ...props, claim: { ...d } }));
    const user = userEvent.setup();

    const items = await screen.findAllByTestId('possible-duplicate');
    await user.click(within(items[1]).getByTestId('duplicate-dismiss'));
    await waitFor(() => expect(backend.callsOf('dismiss_match')).toHaveLength(1));
    expect(backend.callsOf('dismiss_match')[0].args).toEqual({ uuid: 'c-1', other: 'c-3' });
    await waitFor(() => expect(screen.getAllByTestId('possible-duplicate').map((i) => i.dataset.uuid)).toEqual(['c-2']));
    expect(screen.queryByTestId('same-as')).not.toBeInTheDocument();
    // Without an opener, a match's wording is text, not a button.
    expect(screen.queryByTestId('match-open')).not.toBeInTheDocument();

    view.unmount();
    render(ClaimView, { ...props, claim: backend.claims.find((c) => c.uuid === 'c-1')! });
    const again = await screen.findAllByTestId('possible-duplicate');
    expect(again.map((i) => i.dataset.uuid)).toEqual(['c-2']);
  });

  it('Unlink undoes a confirmed match (the pair is dismissed) and the panel follows', async () => {
    const claim = makeClaim({ same_as: [similar()] });
    const backend = fakeBackend([claim, other]);
    const onupdated = vi.fn();
    const props = { claim, scale: SCALE, onedit: vi.fn(), onchanged: vi.fn(), onupdated, onerror: vi.fn() };
    const view = render(ClaimView, props);
    onupdated.mockImplementation((d: ClaimDetail) => view.rerender({ ...props, claim: { ...d } }));
    const user = userEvent.setup();
    await user.click(within(await screen.findByTestId('same-as-item')).getByTestId('same-as-unlink'));
    await waitFor(() => expect(backend.callsOf('dismiss_match')[0]?.args).toEqual({ uuid: 'c-1', other: 'c-2' }));
    await waitFor(() => expect(screen.queryByTestId('claim-matches')).not.toBeInTheDocument());
  });

  it('shows the error in words when a decision fails, and keeps the suggestion', async () => {
    const claim = makeClaim();
    const backend = fakeBackend([claim, other]);
    backend.suggestions['c-1'] = [similar()];
    backend.on('confirm_match', () => {
      throw { kind: 'NotFound', message: 'That claim was deleted.', field: null };
    });
    render(ClaimView, { claim, scale: SCALE, onedit: vi.fn(), onchanged: vi.fn(), onupdated: vi.fn(), onerror: vi.fn() });
    await userEvent.setup().click(await screen.findByTestId('duplicate-confirm'));
    expect(await screen.findByTestId('matches-error')).toHaveTextContent('That claim was deleted.');
    expect(screen.getAllByTestId('possible-duplicate')).toHaveLength(1);
  });

  it('shows nothing when there are no duplicates', async () => {
    const { backend } = renderView(makeClaim());
    await waitFor(() => expect(backend.callsOf('possible_duplicates')).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByTestId('claim-matches')).not.toBeInTheDocument();
  });
});

describe('claim view: checked by others', () => {
  it('shows each fact-check: publisher, their rating and ours, date, headline linked to the review', async () => {
    const { backend, user } = renderView(makeClaim({ external_reviews: [review()] }));
    const r = screen.getByTestId('external-review');
    expect(within(r).getByTestId('external-review-publisher')).toHaveTextContent('PolitiFact');
    expect(within(r).getByTestId('external-review-date')).toHaveTextContent('2024-02-28');
    expect(within(r).getByTestId('external-review-rating')).toHaveTextContent('“Pants on Fire”');
    expect(r).toHaveTextContent('1 on a scale of 1 to 6');
    expect(within(r).getByTestId('external-review-mapped')).toHaveTextContent('False');
    const link = within(r).getByTestId('external-review-link');
    expect(link).toHaveTextContent('No, the US is not sending troops to Ukraine');
    expect(link).toHaveAttribute('href', 'https://www.politifact.com/factchecks/2024/feb/28/troops/');
    await user.click(link);
    await waitFor(() => expect(backend.callsOf('plugin:opener|open_url')).toHaveLength(1));
    expect((backend.callsOf('plugin:opener|open_url')[0].args as { url: string }).url).toBe('https://www.politifact.com/factchecks/2024/feb/28/troops/');
  });

  it('says when a rating is not mapped onto our scale', () => {
    renderView(makeClaim({ external_reviews: [review({ mapped_rating: null, mapped_by: null, rating_value: null })] }));
    expect(screen.getByTestId('external-review-unmapped')).toHaveTextContent('not mapped');
  });

  it('never makes a javascript: address a link, and keeps untrusted text as text', async () => {
    const { backend } = renderView(
      makeClaim({
        external_reviews: [
          review({ url: 'javascript:alert(document.cookie)', headline: '<img src=x onerror=alert(1)>Click <a href="https://evil.example">here</a>', publisher: '<b>Evil</b>' }),
        ],
      }),
    );
    const r = screen.getByTestId('external-review');
    expect(r.querySelector('a, img, b')).toBeNull();
    expect(within(r).getByTestId('external-review-headline')).toHaveTextContent('<img src=x onerror=alert(1)>Click <a href="https://evil.example">here</a>');
    expect(within(r).getByTestId('external-review-publisher')).toHaveTextContent('<b>Evil</b>');
    expect(within(r).getByTestId('external-review-no-link')).toHaveTextContent('not a web address');
    expect(backend.callsOf('plugin:opener|open_url')).toHaveLength(0);
  });

  it('an imported claim says so, and can be reopened for our own check', async () => {
    const claim = makeClaim({ origin: 'imported', status: 'archived', next_statuses: ['researching'], external_reviews: [review()] });
    const { backend, user } = renderView(claim);
    const banner = screen.getByTestId('imported-banner');
    expect(banner).toHaveTextContent("Imported with PolitiFact's fact-check; reopen it to do your own check.");
    await user.click(within(banner).getByTestId('imported-reopen'));
    await waitFor(() => expect(backend.callsOf('set_status')[0]?.args).toEqual({ uuid: 'c-1', status: 'researching' }));
    await waitFor(() => expect(screen.getByTestId('imported-banner')).toHaveTextContent('The desk is doing its own check'));
    expect(screen.queryByTestId('imported-reopen')).not.toBeInTheDocument();
  });

  it('a claim of the desk has no import banner', () => {
    renderView(makeClaim({ external_reviews: [review()] }));
    expect(screen.queryByTestId('imported-banner')).not.toBeInTheDocument();
    expect(screen.getByTestId('external-reviews')).toBeInTheDocument();
  });
});

describe('claim list: imported fact-checks', () => {
  it('shows whose fact-check it is and their rating instead of a workflow status', async () => {
    const imported = makeClaim({ uuid: 'c-2', text: 'Ferry fares doubled since 2020.', origin: 'imported', status: 'archived', external_reviews: [review({ rating_text: 'Pants on Fire' })] });
    fakeBackend([makeClaim(), imported]);
    render(App);
    await waitFor(() => expect(screen.getAllByTestId('claim-row')).toHaveLength(2));
    const row = screen.getAllByTestId('claim-row').find((r) => r.dataset.uuid === 'c-2')!;
    expect(within(row).getByTestId('claim-imported')).toHaveTextContent('“Pants on Fire” PolitiFact');
    expect(row).not.toHaveTextContent('Archived');
    const ours = screen.getAllByTestId('claim-row').find((r) => r.dataset.uuid !== 'c-2')!;
    expect(within(ours).queryByTestId('claim-imported')).toBeNull();
  });
});

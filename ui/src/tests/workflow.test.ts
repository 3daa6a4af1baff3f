import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../App.svelte';
import ClaimView from '../lib/components/ClaimView.svelte';
import ClaimForm from '../lib/components/ClaimForm.svelte';
import VerdictForm from '../lib/components/VerdictForm.svelte';
import { DEFAULT_CHECKLIST, RATINGS, SCALE, fakeBackend, makeClaim } from './fakeBackend';
import type { ClaimCheck, ClaimDetail, ChecklistItemInput } from '../lib/api/types';

const checks = (done: Record<string, string> = {}): ClaimCheck[] =>
  DEFAULT_CHECKLIST.map((i) => ({
    item_uuid: i.uuid,
    label: i.label,
    required: i.required,
    done_by: done[i.uuid] ?? null,
    done_at: done[i.uuid] ? '2024-03-01T09:30:00Z' : null,
    rule: i.rule,
    problem: null,
  }));

async function renderApp(claims: ClaimDetail[] = [makeClaim({ checklist: checks() })]) {
  const backend = fakeBackend(claims);
  render(App);
  await waitFor(() => expect(screen.getAllByTestId('claim-row')).toHaveLength(claims.length));
  return backend;
}

function renderView(claim: ClaimDetail) {
  const backend = fakeBackend([claim]);
  const onupdated = vi.fn();
  render(ClaimView, { claim, scale: SCALE, onedit: vi.fn(), onchanged: vi.fn(), onupdated, onerror: vi.fn() });
  return { backend, onupdated };
}

const buttonsIn = (container: HTMLElement) =>
  within(container).getAllByRole('button').map((b) => [b.dataset.testid, b.textContent?.trim()]);

describe('status bar', () => {
  it('shows one button per allowed move, and a move updates the detail and the list row', async () => {
    const backend = await renderApp();
    const user = userEvent.setup();
    await user.click(screen.getAllByTestId('claim-row')[0]);
    const bar = await screen.findByTestId('status-actions');
    expect(buttonsIn(bar)).toEqual([
      ['status-action-in_review', 'Send to review'],
      ['status-action-new', 'Send back to new'],
      ['status-action-archived', 'Archive'],
    ]);
    await user.click(screen.getByTestId('status-action-in_review'));
    await waitFor(() => expect(screen.getByTestId('detail-status')).toHaveTextContent('In review'));
    expect(backend.callsOf('set_status').map((c) => c.args)).toEqual([{ uuid: 'c-1', status: 'in_review' }]);
    // The buttons follow the new status, and the list row too (without reloading the list).
    expect(buttonsIn(screen.getByTestId('status-actions')).map(([id]) => id)).toEqual([
      'status-action-ready',
      'status-action-researching',
      'status-action-archived',
    ]);
    expect(screen.getByTestId('status-action-researching')).toHaveTextContent('Send back to researching');
    expect(within(screen.getAllByTestId('claim-row')[0]).getByText('In review')).toBeInTheDocument();
  });

  it('an archived claim offers Reopen only', () => {
    renderView(makeClaim({ status: 'archived', next_statuses: ['researching'] }));
    expect(buttonsIn(screen.getByTestId('status-actions'))).toEqual([['status-action-researching', 'Reopen']]);
  });

  it('shows a refused move in plain words', async () => {
    const backend = fakeBackend([makeClaim()]);
    backend.on('set_status', () => {
      throw { kind: 'Validation', message: 'A researching claim cannot be set to in review: nope.', field: 'status' };
    });
    render(ClaimView, { claim: makeClaim(), scale: SCALE, onedit: vi.fn(), onchanged: vi.fn(), onupdated: vi.fn(), onerror: vi.fn() });
    await userEvent.setup().click(screen.getByTestId('status-action-in_review'));
    expect(await screen.findByTestId('form-error')).toHaveTextContent('cannot be set to in review');
  });

  it('disables Publish and lists the blockers while something is missing', () => {
    renderView(
      makeClaim({
        status: 'ready',
        next_statuses: ['researching', 'in_review', 'published', 'archived'],
        publish_blockers: ['a verdict', 'checklist: “Claimant contacted for comment”'],
      }),
    );
    const publish = screen.getByTestId('status-action-published');
    expect(publish).toHaveTextContent('Publish');
    expect(publish).toHaveClass('primary');
    expect(publish).toBeDisabled();
    const items = within(screen.getByTestId('publish-blockers')).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual(['a verdict', 'checklist: “Claimant contacted for comment”']);
  });

  it('enables Publish when nothing is missing, and publishing calls setStatus', async () => {
    const { backend, onupdated } = renderView(
      makeClaim({ status: 'ready', next_statuses: ['researching', 'in_review', 'published', 'archived'], publish_blockers: [] }),
    );
    expect(screen.queryByTestId('publish-blockers')).not.toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByTestId('status-action-published'));
    // Publishing asks first; Cancel publishes nothing.
    expect(screen.getByTestId('publish-confirm')).toHaveTextContent('Publish this claim? It becomes public in exports and ClaimReview.');
    expect(screen.getByTestId('publish-confirm-yes')).toHaveFocus();
    await user.click(screen.getByTestId('publish-confirm-cancel'));
    expect(screen.queryByTestId('publish-confirm')).not.toBeInTheDocument();
    expect(backend.callsOf('set_status')).toHaveLength(0);
    await user.click(screen.getByTestId('status-action-published'));
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('publish-confirm')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('status-action-published'));
    await user.click(screen.getByTestId('publish-confirm-yes'));
    await waitFor(() => expect(onupdated).toHaveBeenCalled());
    expect(backend.callsOf('set_status')[0].args).toEqual({ uuid: 'c-1', status: 'published' });
    expect(onupdated.mock.calls[0][0].status).toBe('published');
  });

  it('Shift+→ moves the open claim to its next step', async () => {
    const backend = await renderApp();
    const user = userEvent.setup();
    await user.click(screen.getAllByTestId('claim-row')[0]);
    await screen.findByTestId('status-actions');
    await user.keyboard('{Shift>}{ArrowRight}{/Shift}');
    await waitFor(() => expect(screen.getByTestId('detail-status')).toHaveTextContent('In review'));
    expect(backend.callsOf('set_status')[0].args).toEqual({ uuid: 'c-1', status: 'in_review' });
  });
});

describe('checklist', () => {
  it('signing off an item calls setCheck with the claim and item uuids and shows who signed', async () => {
    const backend = await renderApp([makeClaim({ checklist: checks({ 'i-1': 'alex' }) })]);
    const user = userEvent.setup();
    await user.click(screen.getAllByTestId('claim-row')[0]);
    const items = await screen.findAllByTestId('checklist-item');
    expect(items.map((i) => [i.dataset.itemUuid, i.dataset.done])).toEqual([
      ['i-1', 'true'],
      ['i-2', 'false'],
      ['i-3', 'false'],
    ]);
    expect(within(items[0]).getByTestId('checklist-signed-by')).toHaveTextContent('signed off by alex');
    expect(within(items[0]).getByText('required')).toBeInTheDocument();
    expect(within(items[2]).queryByText('required')).not.toBeInTheDocument();

    await user.click(within(items[1]).getByTestId('checklist-toggle'));
    await waitFor(() => expect(screen.getAllByTestId('checklist-item')[1].dataset.done).toBe('true'));
    expect(backend.callsOf('set_check').map((c) => c.args)).toEqual([{ uuid: 'c-1', item: 'i-2', done: true }]);
    expect(within(screen.getAllByTestId('checklist-item')[1]).getByTestId('checklist-signed-by')).toHaveTextContent(/signed off by tester · 2024-03-01/);

    // Unchecking withdraws the sign-off.
    await user.click(within(screen.getAllByTestId('checklist-item')[0]).getByTestId('checklist-toggle'));
    await waitFor(() => expect(screen.getAllByTestId('checklist-item')[0].dataset.done).toBe('false'));
    expect(backend.callsOf('set_check')[1].args).toEqual({ uuid: 'c-1', item: 'i-1', done: false });
  });

  it('is closed once the claim is published', () => {
    renderView(makeClaim({ status: 'published', next_statuses: ['archived'], checklist: checks({ 'i-1': 'alex', 'i-2': 'alex' }) }));
    for (const box of screen.getAllByTestId('checklist-toggle')) expect(box).toBeDisabled();
  });
});

describe('the publish gate', () => {
  const ready = (over: Partial<ClaimDetail> = {}) =>
    makeClaim({ status: 'ready', next_statuses: ['researching', 'in_review', 'published', 'archived'], ...over });

  it('shows the checklist with Publish, what each check fails on, and the failing list beside it', () => {
    const checklist = checks({ 'i-1': 'alex' });
    checklist[1].problem = 'the evidence comes from only 1 publisher (congress.gov), and 2 different publishers are needed';
    renderView(
      ready({
        checklist,
        publish_blockers: [
          'checklist: “At least two independent sources” — fails now: the evidence comes from only 1 publisher (congress.gov), and 2 different publishers are needed',
        ],
      }),
    );
    const bar = screen.getByRole('group', { name: 'Workflow status' });
    // The checklist is in the status bar, between the buttons and what still fails.
    const list = within(bar).getByTestId('checklist');
    const blockers = within(bar).getByTestId('publish-blockers');
    expect(list.compareDocumentPosition(blockers) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getAllByTestId('checklist')).toHaveLength(1);
    expect(blockers).toHaveTextContent('only 1 publisher (congress.gov)');
    expect(screen.getByTestId('status-action-published')).toBeDisabled();
    const items = within(list).getAllByTestId('checklist-item');
    expect(within(items[1]).getByTestId('checklist-rule')).toHaveTextContent('checked: at least 2 different publishers');
    expect(within(items[2]).getByTestId('checklist-rule')).toHaveTextContent('checked: not the verdict’s author');
    expect(within(items[0]).queryByTestId('checklist-rule')).not.toBeInTheDocument();
    expect(within(items[1]).getByTestId('checklist-problem')).toHaveTextContent('Fails now: the evidence comes from only 1 publisher');
    expect(within(items[1]).getByTestId('checklist-toggle')).toHaveAttribute('aria-describedby', `check-problem-i-2`);
  });

  it('a sign-off keeps every item in its place: the who-and-when line is there before and after', async () => {
    const backend = await renderApp([ready({ checklist: checks() })]);
    const user = userEvent.setup();
    await user.click(screen.getAllByTestId('claim-row')[0]);
    await screen.findByTestId('checklist');
    const shape = () => screen.getAllByTestId('checklist-item').map((li) => Array.from(li.children).map((c) => c.tagName));
    const before = shape();
    expect(within(screen.getAllByTestId('checklist-item')[0]).getByTestId('checklist-unsigned')).toHaveTextContent('not signed off yet');
    await user.click(screen.getAllByTestId('checklist-toggle')[0]);
    await waitFor(() => expect(screen.getAllByTestId('checklist-item')[0].dataset.done).toBe('true'));
    expect(backend.callsOf('set_check').map((c) => c.args)).toEqual([{ uuid: 'c-1', item: 'i-1', done: true }]);
    expect(within(screen.getAllByTestId('checklist-item')[0]).getByTestId('checklist-signed-by')).toHaveTextContent('signed off by tester');
    expect(shape()).toEqual(before);
    // The boxes are real 20 px targets (the class that sizes them) inside a label spanning the line.
    for (const box of screen.getAllByTestId('checklist-toggle')) expect(box.closest('label')).toHaveClass('gate-hit');
  });

  it('a refused sign-off says why, in the core’s words', async () => {
    const { backend } = renderView(ready({ checklist: checks() }));
    backend.on('set_check', () => {
      throw {
        kind: 'Validation',
        field: 'checklist',
        message: '“Second reader signed off” cannot be signed off yet: tester wrote the current verdict, so cannot be its second reader: someone else has to sign this off.',
      };
    });
    await userEvent.setup().click(screen.getAllByTestId('checklist-toggle')[2]);
    expect(await within(screen.getByTestId('checklist')).findByTestId('form-error')).toHaveTextContent('tester wrote the current verdict');
    expect(screen.getAllByTestId('checklist-toggle')[2]).not.toBeChecked();
  });

  it('Shift+→ on a ready claim asks before publishing', async () => {
    const backend = await renderApp([ready({ checklist: checks({ 'i-1': 'a', 'i-2': 'a', 'i-3': 'b' }), publish_blockers: [] })]);
    const user = userEvent.setup();
    await user.click(screen.getAllByTestId('claim-row')[0]);
    await screen.findByTestId('status-actions');
    await user.keyboard('{Shift>}{ArrowRight}{/Shift}');
    expect(await screen.findByTestId('publish-confirm')).toHaveTextContent('Publish this claim?');
    expect(backend.callsOf('set_status')).toHaveLength(0);
    await user.click(screen.getByTestId('publish-confirm-yes'));
    await waitFor(() => expect(screen.getByTestId('detail-status')).toHaveTextContent('Published'));
    expect(backend.callsOf('set_status').map((c) => c.args)).toEqual([{ uuid: 'c-1', status: 'published' }]);
  });

  it('the claim form does not publish: Publish is the status bar’s, which asks first', async () => {
    fakeBackend();
    render(ClaimForm, { claim: ready(), onsaved: vi.fn(), oncancel: vi.fn() });
    const options = Array.from(screen.getByTestId('claim-status').querySelectorAll('option')).map((o) => o.value);
    expect(options).not.toContain('published');
    expect(options).toContain('ready');
  });

  it('Settings shows each item’s check and saves a changed one', async () => {
    const backend = await renderApp();
    const user = userEvent.setup();
    await user.click(screen.getByTestId('open-settings'));
    await waitFor(() => expect(screen.getAllByTestId('checklist-editor-item')).toHaveLength(3));
    const rules = () => screen.getAllByTestId('checklist-editor-rule') as HTMLSelectElement[];
    expect(rules().map((r) => r.value)).toEqual(['none', 'min_publishers', 'second_reader']);
    expect((screen.getByTestId('checklist-editor-rule-min') as HTMLInputElement).value).toBe('2');
    await user.selectOptions(rules()[0], 'excerpts_found');
    await user.selectOptions(rules()[1], 'min_sources');
    const min = screen.getByTestId('checklist-editor-rule-min');
    await user.clear(min);
    await user.type(min, '3');
    await user.selectOptions(rules()[2], 'none');
    await user.click(screen.getByTestId('checklist-editor-save'));
    await waitFor(() => expect(backend.callsOf('set_checklist')).toHaveLength(1));
    const sent = (backend.callsOf('set_checklist')[0].args as { items: ChecklistItemInput[] }).items;
    expect(sent.map((i) => i.rule)).toEqual([{ kind: 'excerpts_found' }, { kind: 'min_sources', min: 3 }, null]);
    expect(await screen.findByText('Saved')).toBeInTheDocument();
    expect(rules().map((r) => r.value)).toEqual(['excerpts_found', 'min_sources', 'none']);
  });
});

describe('corrections', () => {
  it('a verdict on a published claim requires a correction reason and sends it', async () => {
    const backend = fakeBackend();
    backend.on('record_verdict', (args) => {
      const input = (args as { input: { correction_reason?: string } }).input;
      if (!input.correction_reason) {
        throw { kind: 'Validation', message: 'This claim is published: changing its verdict is a correction. Say what is corrected and why.', field: 'correction_reason' };
      }
      return { uuid: 'v-9', rating: RATINGS[2], rationale: 'r', author: 'tester', created_at: '', superseded_at: null };
    });
    const onsaved = vi.fn();
    render(VerdictForm, { claimUuid: 'c-1', scale: SCALE, current: null, locked: true, onsaved });
    const user = userEvent.setup();
    const reason = screen.getByTestId('correction-reason');
    expect(reason).toHaveAttribute('aria-required', 'true');
    expect(screen.getByTestId('verdict-form')).toHaveTextContent('This claim is published: readers will see this change as');
    await user.selectOptions(screen.getByTestId('verdict-rating'), 'false');
    await user.type(screen.getByTestId('verdict-rationale'), 'New figures.');
    await user.click(screen.getByTestId('verdict-save'));
    expect(await screen.findByTestId('field-error-correction_reason')).toHaveTextContent('Say what is corrected and why');
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(onsaved).not.toHaveBeenCalled();

    await user.type(reason, 'The ministry revised its figures.');
    await user.click(screen.getByTestId('verdict-save'));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(backend.callsOf('record_verdict')[1].args).toEqual({
      input: {
        claim_uuid: 'c-1',
        rating_key: 'false',
        rationale: 'New figures.',
        correction_reason: 'The ministry revised its figures.',
        correction_kind: 'correction',
      },
    });
  });

  const published = { uuid: 'v-1', rating: RATINGS[1], rationale: 'The figures leave out the reserve forces.', author: 'alex', created_at: '2024-03-01T10:00:00Z', superseded_at: null };

  it('a correction starts from the published rating and rationale (issue 17)', async () => {
    fakeBackend();
    render(VerdictForm, { claimUuid: 'c-1', scale: SCALE, current: published, locked: true, onsaved: vi.fn() });
    expect(screen.getByTestId('verdict-rating')).toHaveValue('misleading');
    expect(screen.getByTestId('verdict-rationale')).toHaveValue('The figures leave out the reserve forces.');
    // Correction is the default choice.
    expect(screen.getByTestId('correction-kind-correction')).toBeChecked();
    expect(screen.getByTestId('verdict-save')).toHaveTextContent('Record correction');
  });

  it('a new verdict before publishing starts empty', () => {
    fakeBackend();
    render(VerdictForm, { claimUuid: 'c-1', scale: SCALE, current: published, locked: false, onsaved: vi.fn() });
    expect(screen.getByTestId('verdict-rating')).toHaveValue('');
    expect(screen.getByTestId('verdict-rationale')).toHaveValue('');
  });

  it('a clarification keeps the published rating: sent as a clarification, and not offered once the rating changes', async () => {
    const backend = fakeBackend();
    backend.on('record_verdict', () => ({ ...published, uuid: 'v-2' }));
    const onsaved = vi.fn();
    render(VerdictForm, { claimUuid: 'c-1', scale: SCALE, current: published, locked: true, onsaved });
    const user = userEvent.setup();
    const clarify = screen.getByTestId('correction-kind-clarification');
    expect(clarify).toBeEnabled();

    // Another rating: a correction only, said why.
    await user.selectOptions(screen.getByTestId('verdict-rating'), 'false');
    expect(clarify).toBeDisabled();
    expect(screen.getByTestId('clarification-blocked')).toHaveTextContent('A new rating changes the finding');
    await user.selectOptions(screen.getByTestId('verdict-rating'), 'misleading');
    expect(clarify).toBeEnabled();
    expect(screen.queryByTestId('clarification-blocked')).not.toBeInTheDocument();

    await user.click(clarify);
    expect(screen.getByTestId('verdict-save')).toHaveTextContent('Record clarification');
    await user.type(screen.getByTestId('verdict-rationale'), ' The reserve numbers come from the 2024 budget.');
    await user.type(screen.getByTestId('correction-reason'), 'Added where the reserve numbers come from.');
    await user.click(screen.getByTestId('verdict-save'));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(backend.callsOf('record_verdict')[0].args).toEqual({
      input: {
        claim_uuid: 'c-1',
        rating_key: 'misleading',
        rationale: 'The figures leave out the reserve forces. The reserve numbers come from the 2024 budget.',
        correction_reason: 'Added where the reserve numbers come from.',
        correction_kind: 'clarification',
      },
    });

    // A clarification chosen, then another rating: back to correction.
    await user.click(screen.getByTestId('correction-kind-clarification'));
    await user.selectOptions(screen.getByTestId('verdict-rating'), 'true');
    expect(screen.getByTestId('correction-kind-correction')).toBeChecked();
    expect(screen.getByTestId('verdict-save')).toHaveTextContent('Record correction');
  });

  it('the core refusing a clarification shows its words under the choice', async () => {
    const backend = fakeBackend();
    backend.on('record_verdict', () => {
      throw { kind: 'Validation', message: 'A new rating changes the finding, so it is a correction, not a clarification.', field: 'correction_kind' };
    });
    render(VerdictForm, { claimUuid: 'c-1', scale: SCALE, current: published, locked: true, onsaved: vi.fn() });
    const user = userEvent.setup();
    await user.click(screen.getByTestId('correction-kind-clarification'));
    await user.type(screen.getByTestId('correction-reason'), 'Added detail.');
    await user.click(screen.getByTestId('verdict-save'));
    expect(await screen.findByTestId('field-error-correction_kind')).toHaveTextContent('not a clarification');
  });

  it('a clarification is its own calm notice, headed Clarification, apart from the corrections', () => {
    renderView(
      makeClaim({
        status: 'published',
        next_statuses: ['archived'],
        corrections: [
          { uuid: 'k-1', kind: 'clarification', reason: 'Added the vote count, 70 to 29.', what: 'verdict', actor: 'alex', at: '2024-03-04T10:00:00Z' },
        ],
      }),
    );
    expect(screen.queryByTestId('correction-notice')).not.toBeInTheDocument();
    const notice = screen.getByTestId('clarification-notice');
    expect(within(notice).getByRole('heading')).toHaveTextContent(/^Clarification$/);
    expect(within(notice).getByTestId('clarification-item')).toHaveTextContent('Verdict clarified');
    expect(within(notice).getByTestId('clarification-item')).toHaveTextContent('Added the vote count, 70 to 29.');
    expect(notice).not.toHaveClass('correction-notice');
  });

  it('no correction reason is asked for before publishing', () => {
    fakeBackend();
    render(VerdictForm, { claimUuid: 'c-1', scale: SCALE, current: null, locked: false, onsaved: vi.fn() });
    expect(screen.queryByTestId('correction-reason')).not.toBeInTheDocument();
  });

  it('the claim view of a corrected claim shows the correction notice and asks for a reason', () => {
    renderView(
      makeClaim({
        status: 'corrected',
        next_statuses: ['archived'],
        corrections: [
          { uuid: 'k-3', kind: 'clarification', reason: 'Linked the ministry table.', what: 'evidence', actor: 'sam', at: '2024-03-06T10:00:00Z' },
          { uuid: 'k-2', kind: 'correction', reason: 'A second source contradicts the first.', what: 'evidence', actor: 'sam', at: '2024-03-05T10:00:00Z' },
          { uuid: 'k-1', kind: 'correction', reason: 'The ministry revised its figures.', what: 'verdict', actor: 'alex', at: '2024-03-04T10:00:00Z' },
        ],
      }),
    );
    const notice = screen.getByTestId('correction-notice');
    const items = within(notice).getAllByTestId('correction-item');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('2024-03-05');
    expect(items[0]).toHaveTextContent('Evidence corrected');
    expect(items[0]).toHaveTextContent('A second source contradicts the first.');
    expect(items[0]).toHaveTextContent('by sam');
    expect(items[1]).toHaveTextContent('Verdict corrected');
    expect(notice).not.toHaveTextContent('Linked the ministry table.');
    expect(screen.getByTestId('clarification-notice')).toHaveTextContent('Linked the ministry table.');
    // The notice comes first in the claim, before the status bar and the wording.
    const article = screen.getByTestId('claim-detail');
    expect(article.firstElementChild).toBe(notice);
    expect(screen.getByTestId('detail-status')).toHaveTextContent('Corrected');
    expect(screen.getByTestId('correction-reason')).toBeInTheDocument();
  });

  it('no notice on a claim that was never corrected', () => {
    renderView(makeClaim());
    expect(screen.queryByTestId('correction-notice')).not.toBeInTheDocument();
  });

  it('the claim form of a published claim keeps the wording read-only and tags editable', () => {
    fakeBackend();
    render(ClaimForm, { claim: makeClaim({ status: 'published', next_statuses: ['archived'] }), onsaved: vi.fn(), oncancel: vi.fn() });
    for (const id of ['claim-text', 'claim-claimant', 'claim-said-on', 'claim-said-where']) {
      expect(screen.getByTestId(id)).toHaveAttribute('readonly');
    }
    expect(screen.getByTestId('claim-tags')).not.toHaveAttribute('readonly');
    expect(screen.getByTestId('claim-locked-note')).toHaveTextContent('cannot be changed here');
    const options = Array.from(screen.getByTestId('claim-status').querySelectorAll('option')).map((o) => o.value);
    expect(options).toEqual(['published', 'archived']);
  });
});

describe('settings', () => {
  it('saves the checker name and shows it in the header', async () => {
    const backend = await renderApp();
    await waitFor(() => expect(screen.getByTestId('actor-name')).toHaveTextContent('tester'));
    const user = userEvent.setup();
    await user.click(screen.getByTestId('open-settings'));
    const input = await screen.findByTestId('settings-actor');
    expect(input).toHaveValue('tester');
    await user.clear(input);
    await user.type(input, 'Ana Checker');
    await user.click(screen.getByTestId('settings-actor-save'));
    await waitFor(() => expect(screen.getByTestId('actor-name')).toHaveTextContent('Ana Checker'));
    expect(backend.callsOf('set_actor').map((c) => c.args)).toEqual([{ name: 'Ana Checker' }]);
  });

  it('edits the checklist (rename, required, reorder, remove, add) and saves it in order', async () => {
    const backend = await renderApp();
    const user = userEvent.setup();
    await user.keyboard(',');
    await screen.findByTestId('settings-view');
    await waitFor(() => expect(screen.getAllByTestId('checklist-editor-item')).toHaveLength(3));
    const labels = () => screen.getAllByTestId('checklist-editor-label') as HTMLInputElement[];
    expect(labels().map((l) => l.value)).toEqual(DEFAULT_CHECKLIST.map((i) => i.label));

    await user.clear(labels()[0]);
    await user.type(labels()[0], 'Claimant asked for comment');
    await user.click(screen.getAllByTestId('checklist-editor-required')[2]); // third becomes required
    await user.click(screen.getByRole('button', { name: 'Move item 3 up' })); // third above second
    await user.click(screen.getAllByTestId('checklist-editor-remove')[2]); // the old second goes
    await user.click(screen.getByTestId('checklist-editor-add'));
    expect(labels()[2]).toHaveFocus();
    await user.type(labels()[2], 'Headline checked');
    await user.click(screen.getByTestId('checklist-editor-save'));

    await waitFor(() => expect(backend.callsOf('set_checklist')).toHaveLength(1));
    const sent = (backend.callsOf('set_checklist')[0].args as { items: ChecklistItemInput[] }).items;
    expect(sent).toEqual([
      { uuid: 'i-1', label: 'Claimant asked for comment', required: true, rule: null },
      { uuid: 'i-3', label: 'Second reader signed off', required: true, rule: { kind: 'second_reader' } },
      { uuid: null, label: 'Headline checked', required: true, rule: null },
    ]);
    expect(await screen.findByText('Saved')).toBeInTheDocument();
  });

  it('shows the label message when the checklist is refused, and Esc closes settings', async () => {
    await renderApp();
    const user = userEvent.setup();
    await user.click(screen.getByTestId('open-settings'));
    await waitFor(() => expect(screen.getAllByTestId('checklist-editor-item')).toHaveLength(3));
    await user.click(screen.getByTestId('checklist-editor-add'));
    await user.click(screen.getByTestId('checklist-editor-save'));
    expect(await screen.findByTestId('field-error-label')).toHaveTextContent('Checklist item 4 has no text.');
    await user.click(screen.getByTestId('settings-close'));
    expect(screen.queryByTestId('settings-view')).not.toBeInTheDocument();
  });
});

describe('help overlay', () => {
  it('? lists the shortcuts, Escape closes it', async () => {
    await renderApp();
    const user = userEvent.setup();
    await user.keyboard('?');
    const help = await screen.findByTestId('help-overlay');
    for (const what of ['New claim', 'Search claims', 'Next claim', 'Previous claim', 'next workflow step', 'Status', 'Save the form', 'Settings']) {
      expect(help).toHaveTextContent(what);
    }
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('help-overlay')).not.toBeInTheDocument();
    // The list keys still work afterwards.
    await user.keyboard('j');
    await waitFor(() => expect(screen.getByTestId('detail-text')).toHaveTextContent('no plans to send'));
  });
});

import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../App.svelte';
import { emit } from '@tauri-apps/api/event';
import { fakeBackend, makeClaim } from './fakeBackend';
import type { ClaimQuery } from '../lib/api/types';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function renderApp() {
  const backend = fakeBackend([
    makeClaim(),
    makeClaim({ uuid: 'c-2', text: 'A $60 billion aid package remains held up in Congress.', claimant: null, status: 'new' }),
  ]);
  render(App);
  await waitFor(() => expect(screen.getAllByTestId('claim-row')).toHaveLength(2));
  return backend;
}

describe('the workspace', () => {
  it('shows the list and the open claim anew when a command gave the workspace back', async () => {
    const backend = await renderApp();
    await fireEvent.click(screen.getAllByTestId('claim-row')[0]);
    await waitFor(() => expect(backend.callsOf('get_claim').length).toBeGreaterThan(0));
    const [lists, details, infos] = ['list_claims', 'get_claim', 'workspace_info'].map((c) => backend.callsOf(c).length);
    backend.claims.push(makeClaim({ uuid: 'c-3', text: 'Added by factdesk-cli while the window was open.' }));
    await emit('workspace-changed', 'factdesk-cli claim (process 4242)');
    await waitFor(() => expect(screen.getAllByTestId('claim-row')).toHaveLength(3));
    expect(backend.callsOf('list_claims').length).toBe(lists + 1);
    expect(backend.callsOf('get_claim').length).toBe(details + 1);
    expect(backend.callsOf('workspace_info').length).toBe(infos + 1);
  });

  it('says when the workspace is read-only, and not otherwise', async () => {
    const backend = await renderApp();
    await waitFor(() => expect(screen.getByTestId('workspace-path')).toHaveTextContent('demo.factdesk'));
    expect(screen.queryByTestId('read-only')).toBeNull();
    backend.on('workspace_info', () => ({ path: '/media/usb/desk.factdesk', claim_count: 2, source_count: 0, actor: 'ana', schema_version: 8, read_only: true }));
    await emit('workspace-changed', 'factdesk-cli info (process 1)');
    await waitFor(() => expect(screen.getByTestId('read-only')).toHaveTextContent('read-only'));
  });
});

describe('matching by meaning', () => {
  it('shows the indexer’s progress while claims wait for a vector, and nothing once all are indexed', async () => {
    await renderApp();
    expect(screen.queryByTestId('matching-indexing')).toBeNull();
    await emit('matching-status', { model: 'all-MiniLM-L6-v2@x', problem: null, indexed: 12000, waiting: 88000 });
    await waitFor(() => expect(screen.getByTestId('matching-indexing')).toHaveTextContent('indexing 12,000 / 100,000'));
    await emit('matching-status', { model: 'all-MiniLM-L6-v2@x', problem: null, indexed: 0, waiting: 0 });
    await waitFor(() => expect(screen.queryByTestId('matching-indexing')).toBeNull());
  });

  it('says once, plainly, when there is no model and matching is by words', async () => {
    const backend = fakeBackend([makeClaim()]);
    const problem = 'Similar claims are found by their words only: no matching model in /nowhere (run `make model`).';
    backend.on('matching_status', () => ({ model: null, problem, indexed: 0, waiting: 0 }));
    render(App);
    await waitFor(() => expect(screen.getByTestId('matching-notice')).toHaveTextContent('found by their words only'));
    // Its own line: another notice (a restore's) is never pushed out by it.
    expect(screen.queryByTestId('notice-banner')).toBeNull();
    await emit('matching-status', { model: null, problem, indexed: 0, waiting: 0 });
    await fireEvent.click(within(screen.getByTestId('matching-notice')).getByRole('button', { name: 'Dismiss message' }));
    await emit('matching-status', { model: null, problem, indexed: 0, waiting: 0 });
    expect(screen.queryByTestId('matching-notice')).toBeNull();
  });
});

describe('claim list', () => {
  it('shows the workspace file name, the full path as a title, and the count', async () => {
    await renderApp();
    const ws = screen.getByTestId('workspace-path');
    await waitFor(() => expect(ws).toHaveTextContent('demo.factdesk'));
    expect(ws).toHaveAttribute('title', '/home/desk/.local/share/factdesk/demo.factdesk');
    expect(screen.getByTestId('claim-count')).toHaveTextContent('2 claims');
  });

  it('asks list_claims as the user types, never twice at once, and ends on the typed text', async () => {
    const backend = await renderApp();
    const before = backend.callsOf('list_claims').length;
    const box = screen.getByTestId('claim-search');
    await fireEvent.input(box, { target: { value: 'b' } });
    await fireEvent.input(box, { target: { value: 'bi' } });
    await fireEvent.input(box, { target: { value: 'billion' } });
    // Each keystroke is asked as soon as nothing else is on its way: at most one ask each, none
    // waiting for quiet.
    await waitFor(() => expect(backend.callsOf('list_claims').length).toBeGreaterThan(before));
    await sleep(200);
    const sent = backend.callsOf('list_claims').slice(before);
    expect(sent.length).toBeLessThanOrEqual(3);
    expect((sent[sent.length - 1].args as { query: ClaimQuery }).query.search).toBe('billion');
    await waitFor(() => expect(screen.getAllByTestId('claim-row')).toHaveLength(1));
    expect(screen.getByTestId('claim-count')).toHaveTextContent('1 claim');
  });

  it('says so when nothing matches the search', async () => {
    await renderApp();
    await fireEvent.input(screen.getByTestId('claim-search'), { target: { value: 'zebra' } });
    await waitFor(() => expect(screen.getByText('No claims match “zebra”.')).toBeInTheDocument());
  });

  it('sends the status filter', async () => {
    const backend = await renderApp();
    await fireEvent.change(screen.getByTestId('status-filter'), { target: { value: 'new' } });
    await waitFor(() => expect(screen.getAllByTestId('claim-row')).toHaveLength(1));
    const last = backend.callsOf('list_claims').slice(-1)[0];
    expect((last.args as { query: ClaimQuery }).query.status).toBe('new');
  });

  it('moves through the list with j/k and the arrow keys, and / focuses the search', async () => {
    await renderApp();
    const user = userEvent.setup();
    await user.keyboard('j');
    await waitFor(() => expect(screen.getByTestId('detail-text')).toHaveTextContent('no plans to send'));
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(screen.getByTestId('detail-text')).toHaveTextContent('$60 billion'));
    expect(screen.getAllByTestId('claim-row')[1]).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('k');
    await waitFor(() => expect(screen.getByTestId('detail-text')).toHaveTextContent('no plans to send'));
    await user.keyboard('/');
    expect(screen.getByTestId('claim-search')).toHaveFocus();
  });
});

describe('claim form', () => {
  it('creates a claim with the typed values, selects it and refreshes the list', async () => {
    const backend = await renderApp();
    const user = userEvent.setup();
    await user.click(screen.getByTestId('new-claim'));
    const form = await screen.findByTestId('claim-form');
    expect(screen.getByTestId('claim-text')).toHaveFocus();
    await user.type(screen.getByTestId('claim-text'), 'Macron said troops could not be ruled out.');
    await user.type(screen.getByTestId('claim-summary'), 'Western troops in Ukraine');
    await user.type(screen.getByTestId('claim-claimant'), 'Emmanuel Macron');
    await user.type(screen.getByTestId('claim-claimant-role'), 'President of France');
    await user.type(screen.getByTestId('claim-said-on'), '2024-02-26');
    await user.type(screen.getByTestId('claim-said-where'), 'Élysée press conference');
    await user.selectOptions(screen.getByTestId('claim-status'), 'researching');
    await user.type(screen.getByTestId('claim-tags'), 'ukraine, france ,, troops');
    const listCallsBefore = backend.callsOf('list_claims').length;
    await user.click(within(form).getByTestId('claim-save'));

    await waitFor(() => expect(backend.callsOf('create_claim')).toHaveLength(1));
    expect(backend.callsOf('create_claim')[0].args).toEqual({
      input: {
        text: 'Macron said troops could not be ruled out.',
        summary: 'Western troops in Ukraine',
        claimant: 'Emmanuel Macron',
        claimant_role: 'President of France',
        said_on: '2024-02-26',
        said_where: 'Élysée press conference',
        status: 'researching',
        tags: ['ukraine', 'france', 'troops'],
      },
    });
    // The new claim is shown and selected, the list reloaded with it.
    await waitFor(() => expect(screen.getByTestId('detail-text')).toHaveTextContent('Macron said troops'));
    expect(screen.queryByTestId('claim-form')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByTestId('claim-row')).toHaveLength(3));
    expect(backend.callsOf('list_claims').length).toBeGreaterThan(listCallsBefore);
    const newUuid = backend.claims[0].uuid;
    const row = screen.getAllByTestId('claim-row').find((r) => r.dataset.uuid === newUuid)!;
    expect(row).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByTestId('claim-count')).toHaveTextContent('3 claims');
  });

  it('shows a Validation error under the field it names, and keeps the form open', async () => {
    const backend = await renderApp();
    backend.on('create_claim', () => {
      throw { kind: 'Validation', message: 'A claim cannot be said after today.', field: 'said_on' };
    });
    const user = userEvent.setup();
    await user.keyboard('n');
    await user.type(await screen.findByTestId('claim-text'), 'Some words');
    await user.type(screen.getByTestId('claim-said-on'), '2099-02-26');
    await user.click(screen.getByTestId('claim-save'));

    const err = await screen.findByTestId('field-error-said_on');
    expect(err).toHaveTextContent('A claim cannot be said after today.');
    const input = screen.getByTestId('claim-said-on');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input.getAttribute('aria-describedby')).toBe(err.id);
    expect(input).toHaveFocus();
    // Under that field, not somewhere else.
    expect(input.closest('.field')).toContainElement(err);
    expect(screen.queryByTestId('field-error-text')).not.toBeInTheDocument();
    expect(screen.queryByTestId('form-error')).not.toBeInTheDocument();
    expect(screen.getByTestId('claim-form')).toBeInTheDocument();
    expect(screen.getByTestId('claim-save')).not.toBeDisabled();
    // The stale message goes as soon as the field holds another date.
    await user.clear(input);
    await user.type(input, '26/02/2024');
    expect(screen.queryByTestId('field-error-said_on')).not.toBeInTheDocument();
    expect(input).not.toHaveAttribute('aria-invalid');
  });

  it('takes the date said as 27/02/2024, shows how it was read and sends 2024-02-27', async () => {
    const backend = await renderApp();
    const user = userEvent.setup();
    await user.click(screen.getByTestId('new-claim'));
    await user.type(await screen.findByTestId('claim-text'), 'No plans to send troops.');
    const date = screen.getByTestId('claim-said-on');
    expect(date).toHaveValue('');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await user.type(date, '27/02/2024');
    expect(screen.getByTestId('claim-said-on-words')).toHaveTextContent('27 February 2024');
    await user.click(screen.getByTestId('claim-save'));
    await waitFor(() => expect(backend.callsOf('create_claim')).toHaveLength(1));
    expect((backend.callsOf('create_claim')[0].args as { input: { said_on: string | null } }).input.said_on).toBe('2024-02-27');
  });

  it('fills the date said from the calendar on demand', async () => {
    const backend = await renderApp();
    const user = userEvent.setup();
    await user.click(screen.getByTestId('new-claim'));
    await user.type(await screen.findByTestId('claim-text'), 'No plans to send troops.');
    await user.type(screen.getByTestId('claim-said-on'), '2024-02-01');
    await user.click(screen.getByRole('button', { name: 'Date said: pick from a calendar' }));
    const cal = screen.getByRole('dialog', { name: 'Date said: choose a day' });
    // Escape closes the calendar, not the form.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByTestId('claim-form')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Date said: pick from a calendar' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '27 February 2024' }));
    expect(cal).not.toBeInTheDocument();
    expect(screen.getByTestId('claim-said-on')).toHaveValue('2024-02-27');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(backend.callsOf('create_claim')).toHaveLength(1));
    expect((backend.callsOf('create_claim')[0].args as { input: { said_on: string | null } }).input.said_on).toBe('2024-02-27');
  });

  it('refuses a text that is not a date before saving, and says how to write one', async () => {
    const backend = await renderApp();
    const user = userEvent.setup();
    await user.click(screen.getByTestId('new-claim'));
    await user.type(await screen.findByTestId('claim-text'), 'No plans to send troops.');
    const date = screen.getByTestId('claim-said-on');
    await user.type(date, '02/27/2024');
    await user.click(screen.getByTestId('claim-save'));
    const err = await screen.findByTestId('field-error-said_on');
    expect(err).toHaveTextContent('Not a date: dates are read day first, and there is no month 27. Did you mean 27/02/2024?');
    expect(date).toHaveFocus();
    expect(backend.callsOf('create_claim')).toHaveLength(0);
    await user.clear(date);
    await user.type(date, 'next week');
    await user.tab();
    expect(screen.getByTestId('field-error-said_on')).toHaveTextContent('Not a date: use YYYY-MM-DD or day/month/year, e.g. 27/02/2024.');
    await user.clear(date);
    await user.type(date, 'Feb 27, 2024');
    expect(screen.queryByTestId('field-error-said_on')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('claim-save'));
    await waitFor(() => expect(backend.callsOf('create_claim')).toHaveLength(1));
    expect((backend.callsOf('create_claim')[0].args as { input: { said_on: string | null } }).input.said_on).toBe('2024-02-27');
  });

  it('puts errors without a field in the general error area, in plain words', async () => {
    const backend = await renderApp();
    backend.on('create_claim', () => {
      throw new Error('disk I/O\n    at foo (x.js:1:1)');
    });
    const user = userEvent.setup();
    await user.click(screen.getByTestId('new-claim'));
    await user.type(await screen.findByTestId('claim-text'), 'Words');
    await user.keyboard('{Control>}{Enter}{/Control}');
    const err = await screen.findByTestId('form-error');
    expect(err).not.toHaveTextContent('at foo');
    expect(err.textContent!.length).toBeGreaterThan(10);
  });

  it('edits with the form prefilled and Escape cancels', async () => {
    await renderApp();
    const user = userEvent.setup();
    await user.click(screen.getAllByTestId('claim-row')[0]);
    await user.click(await screen.findByTestId('edit-claim'));
    expect(screen.getByTestId('claim-text')).toHaveValue('There are no plans to send US service members to fight in Ukraine.');
    expect(screen.getByTestId('claim-claimant')).toHaveValue('Pat Ryder');
    expect(screen.getByTestId('claim-status')).toHaveValue('researching');
    expect(screen.getByTestId('claim-tags')).toHaveValue('ukraine');
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('claim-form')).not.toBeInTheDocument();
    expect(screen.getByTestId('claim-detail')).toBeInTheDocument();
  });

  it('offers only new and researching for a new claim, in readable words', async () => {
    await renderApp();
    await userEvent.setup().click(screen.getByTestId('new-claim'));
    const options = Array.from((await screen.findByTestId('claim-status')).querySelectorAll('option'));
    expect(options.map((o) => o.value)).toEqual(['new', 'researching']);
    expect(options[1].textContent).toBe('Researching');
  });

  it('offers the current status and the legal moves when editing', async () => {
    await renderApp();
    const user = userEvent.setup();
    await user.click(screen.getAllByTestId('claim-row')[0]);
    await user.click(await screen.findByTestId('edit-claim'));
    const options = Array.from(screen.getByTestId('claim-status').querySelectorAll('option'));
    // researching → new, in review, archived (makeClaim's next_statuses), in workflow order.
    expect(options.map((o) => o.value)).toEqual(['new', 'researching', 'in_review', 'archived']);
    expect(screen.getByTestId('claim-status')).toHaveValue('researching');
  });
});

describe('errors not tied to a form', () => {
  it('shows a banner when a claim cannot be opened', async () => {
    const backend = await renderApp();
    backend.on('get_claim', () => {
      throw { kind: 'NotFound', message: 'That claim no longer exists.', field: null };
    });
    await userEvent.setup().click(screen.getAllByTestId('claim-row')[0]);
    expect(await screen.findByTestId('error-banner')).toHaveTextContent('That claim no longer exists.');
  });
});

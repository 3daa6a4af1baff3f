import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../App.svelte';
import ClaimantsScreen from '../lib/screens/ClaimantsScreen.svelte';
import { fakeBackend, makeClaim } from './fakeBackend';
import type { ClaimantInput, ClaimantSummary } from '../lib/api/types';
import { SCREENS } from '../lib/screens';

const PEOPLE: ClaimantSummary[] = [
  { uuid: 'p-1', name: 'Pat Ryder', role: 'Pentagon press secretary', affiliation: 'US Department of Defense', claim_count: 3 },
  { uuid: 'p-2', name: 'Jane Doe', role: 'Senator', affiliation: null, claim_count: 1 },
  { uuid: 'p-3', name: 'Acme Lobby', role: null, affiliation: null, claim_count: 0 },
];

/** A fake backend with claimants that can be searched and renamed, as the real one does. */
function claimantBackend() {
  const backend = fakeBackend([makeClaim()]);
  const people = PEOPLE.map((p) => ({ ...p }));
  backend.on('list_claimants', (args) => {
    const q = ((args as { search: string | null }).search ?? '').toLowerCase();
    return people.filter((p) => !q || [p.name, p.role, p.affiliation].some((f) => f?.toLowerCase().includes(q)));
  });
  backend.on('update_claimant', (args) => {
    const { uuid, input } = args as { uuid: string; input: ClaimantInput };
    if (!input.name.trim()) throw { kind: 'Validation', message: 'A claimant needs a name.', field: 'name' };
    const other = people.find((p) => p.uuid !== uuid && p.name.toLowerCase() === input.name.trim().toLowerCase());
    if (other) throw { kind: 'Conflict', message: `There is already a claimant called “${other.name}”; choose another name.`, field: null };
    const p = people.find((x) => x.uuid === uuid)!;
    Object.assign(p, { name: input.name.trim(), role: input.role.trim() || null, affiliation: input.affiliation.trim() || null });
    return { ...p };
  });
  return backend;
}

function renderScreen() {
  const onshowclaims = vi.fn();
  const onerror = vi.fn();
  render(ClaimantsScreen, { active: true, visible: true, onerror, onshowclaims });
  return { onshowclaims, onerror };
}

const last = <T>(xs: T[]): T | undefined => xs[xs.length - 1];

const names = () => screen.getAllByTestId('claimant-row-name').map((n) => n.textContent);

describe('claimants screen', () => {
  it('is the fourth screen, on Alt+4', () => {
    expect(SCREENS.map((s) => [s.id, s.key])).toContainEqual(['claimants', '4']);
    expect(SCREENS.findIndex((s) => s.id === 'claimants')).toBe(3);
  });

  it('lists claimants with role, affiliation and how many claims, and searches', async () => {
    const backend = claimantBackend();
    renderScreen();
    await waitFor(() => expect(names()).toEqual(['Pat Ryder', 'Jane Doe', 'Acme Lobby']));
    const rows = screen.getAllByTestId('claimant-row');
    expect(rows[0]).toHaveTextContent('Pentagon press secretary · US Department of Defense');
    expect(within(rows[0]).getByTestId('claimant-row-claims')).toHaveTextContent('3 claims');
    expect(within(rows[1]).getByTestId('claimant-row-claims')).toHaveTextContent('1 claim');
    expect(rows[2]).toHaveTextContent('No role or affiliation recorded');
    expect(screen.getByTestId('claimant-count')).toHaveTextContent('3 claimants');

    const user = userEvent.setup();
    await user.keyboard('/');
    expect(screen.getByTestId('claimants-search')).toHaveFocus();
    await user.keyboard('senator');
    await waitFor(() => expect(names()).toEqual(['Jane Doe']));
    expect(last(backend.callsOf('list_claimants'))?.args).toEqual({ search: 'senator' });
    await user.clear(screen.getByTestId('claimants-search'));
    await user.type(screen.getByTestId('claimants-search'), 'nobody');
    expect(await screen.findByTestId('claimant-list-empty')).toHaveTextContent('No claimants match “nobody”.');
  });

  it('moves with j and k, edits with e, and renames', async () => {
    const backend = claimantBackend();
    renderScreen();
    await waitFor(() => expect(names()).toHaveLength(3));
    const user = userEvent.setup();
    await user.keyboard('j');
    expect(screen.getByTestId('claimant-view-name')).toHaveTextContent('Pat Ryder');
    await user.keyboard('jj');
    expect(screen.getByTestId('claimant-view-name')).toHaveTextContent('Acme Lobby');
    expect(screen.getByTestId('claimant-show-claims')).toBeDisabled();
    await user.keyboard('k');
    expect(screen.getByTestId('claimant-view-name')).toHaveTextContent('Jane Doe');
    expect(screen.getAllByTestId('claimant-row')[1]).toHaveAttribute('aria-selected', 'true');

    await user.keyboard('e');
    const name = screen.getByTestId('claimant-name');
    expect(name).toHaveFocus();
    expect(name).toHaveValue('Jane Doe');
    expect(screen.getByTestId('claimant-form')).toHaveTextContent('renaming changes it on every one of them');
    await user.clear(name);
    await user.type(name, 'Jane Q. Doe');
    await user.type(screen.getByTestId('claimant-affiliation'), 'Party A');
    // j typed in a field is a letter, not a move.
    expect(screen.getByTestId('claimant-form')).toBeInTheDocument();
    await user.keyboard('{Control>}{Enter}{/Control}');

    expect(await screen.findByTestId('claimant-notice')).toHaveTextContent('Renamed “Jane Doe” to “Jane Q. Doe” on 1 claim.');
    expect(backend.callsOf('update_claimant').map((c) => c.args)).toEqual([
      { uuid: 'p-2', input: { name: 'Jane Q. Doe', role: 'Senator', affiliation: 'Party A' } },
    ]);
    expect(screen.getByTestId('claimant-view-affiliation')).toHaveTextContent('Party A');
    expect(names()).toEqual(['Pat Ryder', 'Jane Q. Doe', 'Acme Lobby']);
  });

  it('shows the backend’s refusal of a name that is taken under the name, and Escape cancels', async () => {
    claimantBackend();
    renderScreen();
    await waitFor(() => expect(names()).toHaveLength(3));
    const user = userEvent.setup();
    await user.click(screen.getAllByTestId('claimant-row')[1]);
    await user.click(screen.getByTestId('claimant-edit'));
    await user.clear(screen.getByTestId('claimant-name'));
    await user.type(screen.getByTestId('claimant-name'), 'pat ryder');
    await user.click(screen.getByTestId('claimant-save'));
    expect(await screen.findByTestId('field-error-name')).toHaveTextContent('There is already a claimant called “Pat Ryder”; choose another name.');
    expect(screen.getByTestId('claimant-name')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('claimant-name')).toHaveFocus();

    await user.clear(screen.getByTestId('claimant-name'));
    await user.click(screen.getByTestId('claimant-save'));
    expect(await screen.findByTestId('field-error-name')).toHaveTextContent('A claimant needs a name.');

    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('claimant-form')).not.toBeInTheDocument();
    expect(screen.getByTestId('claimant-view-name')).toHaveTextContent('Jane Doe');
    expect(names()).toEqual(['Pat Ryder', 'Jane Doe', 'Acme Lobby']);
  });

  it('a failed list load is reported', async () => {
    const backend = fakeBackend([makeClaim()]);
    backend.on('list_claimants', () => {
      throw { kind: 'Storage', message: 'The workspace file is damaged.', field: null };
    });
    const { onerror } = renderScreen();
    await waitFor(() => expect(onerror).toHaveBeenCalledWith('Could not load the claimants: The workspace file is damaged.'));
  });

  it('“Show their claims” opens the claims screen filtered to them', async () => {
    claimantBackend();
    const { onshowclaims } = renderScreen();
    await waitFor(() => expect(names()).toHaveLength(3));
    const user = userEvent.setup();
    await user.click(screen.getAllByTestId('claimant-row')[0]);
    await user.click(screen.getByTestId('claimant-show-claims'));
    expect(onshowclaims).toHaveBeenCalledWith('p-1', 'Pat Ryder');
    await user.keyboard('c');
    expect(onshowclaims).toHaveBeenCalledTimes(2);
  });

  it('in the app: Alt+4 opens it, and “Show their claims” lists their claims on the Claims screen', async () => {
    const backend = fakeBackend([
      makeClaim(),
      makeClaim({ uuid: 'c-2', text: 'Taxes fell.', claimant: { uuid: 'p-9', name: 'Lee Minister', role: null, affiliation: null } }),
    ]);
    render(App);
    await waitFor(() => expect(screen.getAllByTestId('claim-row')).toHaveLength(2));
    await fireEvent.keyDown(window, { key: '4', code: 'Digit4', altKey: true });
    await waitFor(() => expect(names()).toEqual(['Pat Ryder', 'Lee Minister']));
    expect(screen.getByTestId('nav-claimants')).toHaveAttribute('aria-current', 'page');
    const user = userEvent.setup();
    await user.click(screen.getAllByTestId('claimant-row')[1]);
    await user.click(screen.getByTestId('claimant-show-claims'));
    expect(screen.getByTestId('nav-claims')).toHaveAttribute('aria-current', 'page');
    await waitFor(() => expect(last(backend.callsOf('list_claims'))?.args).toMatchObject({ query: { claimant: 'p-9' } }));
  });
});

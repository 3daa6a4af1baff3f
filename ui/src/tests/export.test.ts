import { describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { emit } from '@tauri-apps/api/event';
import App from '../App.svelte';
import { EXPORT_FORMATS, LAST_FORMAT_KEY } from '../lib/components/ExportDialog.svelte';
import { RATINGS, fakeBackend, makeClaim } from './fakeBackend';
import type { ClaimDetail, ExportDone, ExportRequest } from '../lib/api/types';

/** A promise the test settles by hand: the export "runs" until then. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const CLAIMS = [
  makeClaim(),
  makeClaim({ uuid: 'c-2', text: 'Fuel prices doubled in the first month of the new tariff.', claimant: null, summary: '' }),
];

const PUBLISHED = makeClaim({
  uuid: 'c-9',
  text: 'The $60 billion aid package is held up in Congress.',
  summary: 'Aid package stalled',
  status: 'published',
  next_statuses: [],
  verdict: { uuid: 'v-9', rating: RATINGS[0], rationale: 'The House had not voted.', author: 'alex', created_at: '2024-03-01T09:00:00Z', superseded_at: null },
});

async function openClaimExport(claims: ClaimDetail[] = CLAIMS, text = 'no plans to send US service members') {
  const backend = fakeBackend(claims);
  render(App);
  const user = userEvent.setup();
  await waitFor(() => expect(screen.getAllByTestId('claim-row')).toHaveLength(claims.length));
  await user.click(screen.getAllByTestId('claim-row')[0]);
  await waitFor(() => expect(screen.getByTestId('detail-text')).toHaveTextContent(text));
  const button = screen.getByTestId('export-claim');
  await user.click(button);
  const dialog = await screen.findByTestId('export-dialog');
  return { backend, user, dialog, button };
}

/** Unmounts what the test rendered, keeping the remembered format (a fresh fakeBackend forgets it). */
function cleanupDialog() {
  cleanup();
}

/** The export dialog of the first claim, with the remembered format as the last test left it. */
async function openClaimExportKeeping(claims: ClaimDetail[]) {
  const kept = localStorage.getItem(LAST_FORMAT_KEY);
  fakeBackend(claims);
  if (kept !== null) localStorage.setItem(LAST_FORMAT_KEY, kept);
  render(App);
  const user = userEvent.setup();
  await waitFor(() => expect(screen.getAllByTestId('claim-row')).toHaveLength(claims.length));
  await user.click(screen.getAllByTestId('claim-row')[0]);
  await user.click(await screen.findByTestId('export-claim'));
  return screen.findByTestId('export-dialog');
}

describe('export dialog', () => {
  it('offers every format with what it is for, and exports the open claim in the chosen one', async () => {
    const { backend, user, dialog } = await openClaimExport();
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(within(dialog).getByTestId('export-label')).toHaveTextContent('Exports this claim.');
    const radios = within(dialog).getAllByRole('radio');
    expect(radios.map((r) => (r as HTMLInputElement).value)).toEqual(['md', 'html', 'pdf', 'csv', 'csv-evidence', 'json', 'claimreview']);
    for (const f of EXPORT_FORMATS) expect(dialog).toHaveTextContent(f.what);
    // Markdown is chosen to start with, and focused.
    expect(within(dialog).getByTestId('export-format-md')).toBeChecked();
    expect(document.activeElement).toBe(within(dialog).getByTestId('export-format-md'));

    backend.on('export_report', () => ({ path: '/home/desk/factdesk-claim-c-1.pdf', claims: 1, warnings: [] }) satisfies ExportDone);
    await user.click(within(dialog).getByLabelText(/PDF/));
    await user.click(within(dialog).getByTestId('export-go'));
    await waitFor(() => expect(backend.callsOf('export_report')).toHaveLength(1));
    expect(backend.callsOf('export_report')[0].args).toEqual({ request: { format: 'pdf', claim_uuid: 'c-1' } satisfies ExportRequest });
  });

  it('shows the progress the backend reports, then where the file went, with Show in folder', async () => {
    const { backend, user, dialog } = await openClaimExport();
    const running = deferred<ExportDone | null>();
    backend.on('export_report', () => running.promise);
    backend.on('plugin:opener|reveal_item_in_dir', () => null);
    await user.click(within(dialog).getByTestId('export-format-html'));
    await user.click(within(dialog).getByTestId('export-go'));

    const bar = await within(dialog).findByTestId('export-progress-bar');
    expect(within(dialog).getByTestId('export-progress-text')).toHaveTextContent('Choose where to save the file');
    expect(within(dialog).getByTestId('export-go')).toBeDisabled();
    expect(within(dialog).getByTestId('export-close')).toBeDisabled();

    await emit('export-progress', { done: 3, total: 12 });
    await waitFor(() => expect(within(dialog).getByTestId('export-progress-text')).toHaveTextContent('Reading claims: 3 of 12 (25%)'));
    expect(bar).toHaveAttribute('value', '3');
    expect(bar).toHaveAttribute('max', '12');
    await emit('export-progress', { done: 12, total: 12 });
    await waitFor(() => expect(within(dialog).getByTestId('export-progress-text')).toHaveTextContent('Writing the HTML file'));

    running.resolve({ path: '/home/desk/reports/factdesk-claims.html', claims: 12, warnings: ['2 claims have no verdict and were left out.'] });
    const done = await within(dialog).findByTestId('export-done');
    expect(done).toHaveTextContent('Exported 12 claims to /home/desk/reports/factdesk-claims.html');
    expect(within(done).getByTestId('export-warnings')).toHaveTextContent('2 claims have no verdict and were left out.');
    expect(document.activeElement).toBe(within(done).getByTestId('export-done-close'));

    await user.click(within(done).getByTestId('export-reveal'));
    await waitFor(() => expect(backend.callsOf('plugin:opener|reveal_item_in_dir')).toHaveLength(1));
    expect(JSON.stringify(backend.callsOf('plugin:opener|reveal_item_in_dir')[0].args)).toContain('/home/desk/reports/factdesk-claims.html');

    await user.click(within(done).getByTestId('export-done-close'));
    await waitFor(() => expect(screen.queryByTestId('export-dialog')).toBeNull());
  });

  it('cancels a running export (button or Esc): nothing written, said once, and it can start again', async () => {
    const { backend, user, dialog } = await openClaimExport();
    let running = deferred<ExportDone | null>();
    backend.on('export_report', () => running.promise);
    backend.on('cancel_export', () => {
      running.reject({ kind: 'Cancelled', message: 'The export was cancelled; nothing was written.', field: null });
      return null;
    });
    await user.click(within(dialog).getByTestId('export-go'));
    await within(dialog).findByTestId('export-progress');
    // Before the file is chosen there is nothing to cancel: the save dialog has its own Cancel.
    expect(within(dialog).queryByTestId('export-cancel')).toBeNull();
    await emit('export-progress', { done: 2, total: 40 });
    await user.click(await within(dialog).findByTestId('export-cancel'));
    expect(backend.callsOf('cancel_export')).toHaveLength(1);
    expect(await within(dialog).findByTestId('export-cancelled')).toHaveTextContent('Export cancelled; nothing was written.');
    expect(within(dialog).queryByTestId('export-error')).toBeNull();
    expect(within(dialog).queryByTestId('export-progress')).toBeNull();
    expect(within(dialog).getByTestId('export-go')).toBeEnabled();

    // Again, with Esc: the export stops, the dialog stays open.
    running = deferred<ExportDone | null>();
    await user.click(within(dialog).getByTestId('export-go'));
    await emit('export-progress', { done: 5, total: 40 });
    await within(dialog).findByTestId('export-cancel');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(backend.callsOf('cancel_export')).toHaveLength(2));
    await within(dialog).findByTestId('export-cancelled');
    expect(screen.getByTestId('export-dialog')).toBeInTheDocument();
  });

  it('refuses ClaimReview of a claim without a published verdict before any file is asked for', async () => {
    const { backend, user, dialog } = await openClaimExport();
    backend.on('export_report', () => ({ path: '/home/desk/x.jsonld', claims: 1, warnings: [] }));
    expect(within(dialog).queryByTestId('export-refused')).toBeNull();
    await user.click(within(dialog).getByTestId('export-format-claimreview'));
    expect(within(dialog).getByTestId('export-refused')).toHaveTextContent(
      'This claim has no verdict yet, so there is no fact-check to mark up. Export it as Markdown, HTML or JSON instead.',
    );
    expect(within(dialog).getByTestId('export-go')).toBeDisabled();
    await user.keyboard('{Control>}{Enter}{/Control}');
    // Another format is fine again.
    await user.click(within(dialog).getByTestId('export-format-json'));
    expect(within(dialog).queryByTestId('export-refused')).toBeNull();
    expect(within(dialog).getByTestId('export-go')).toBeEnabled();
    expect(backend.callsOf('export_report')).toHaveLength(0);
  });

  it('refuses ClaimReview of a drafted verdict by its status, and offers it for a published one', async () => {
    const ready = makeClaim({ ...PUBLISHED, uuid: 'c-8', status: 'in_review' });
    const { backend, user, dialog } = await openClaimExport([ready], 'held up in Congress');
    await user.click(within(dialog).getByTestId('export-format-claimreview'));
    expect(within(dialog).getByTestId('export-refused')).toHaveTextContent('This claim is in review, not published');
    expect(backend.callsOf('export_report')).toHaveLength(0);
    cleanupDialog();

    const second = await openClaimExport([PUBLISHED], 'held up in Congress');
    second.backend.on('export_report', () => ({ path: '/home/desk/aid-package-stalled-2024-02-27.jsonld', claims: 1, warnings: [] }));
    await second.user.click(within(second.dialog).getByTestId('export-format-claimreview'));
    expect(within(second.dialog).queryByTestId('export-refused')).toBeNull();
    await second.user.click(within(second.dialog).getByTestId('export-go'));
    await within(second.dialog).findByTestId('export-done');
    expect(second.backend.callsOf('export_report')[0].args).toEqual({ request: { format: 'claimreview', claim_uuid: 'c-9' } });
  });

  it('proposes the format of the last export, unless this claim cannot have it', async () => {
    const first = await openClaimExport([PUBLISHED], 'held up in Congress');
    expect(within(first.dialog).getByTestId('export-format-md')).toBeChecked();
    first.backend.on('export_report', () => ({ path: '/home/desk/a.jsonld', claims: 1, warnings: [] }));
    await first.user.click(within(first.dialog).getByTestId('export-format-claimreview'));
    await first.user.click(within(first.dialog).getByTestId('export-go'));
    await first.user.click(await within(first.dialog).findByTestId('export-done-close'));
    expect(localStorage.getItem(LAST_FORMAT_KEY)).toBe('claimreview');
    await first.user.click(screen.getByTestId('export-claim'));
    expect(within(await screen.findByTestId('export-dialog')).getByTestId('export-format-claimreview')).toBeChecked();
    cleanupDialog();

    // A draft cannot have ClaimReview: Markdown instead, and nothing refused on opening.
    const draft = await openClaimExportKeeping(CLAIMS);
    expect(within(draft).getByTestId('export-format-md')).toBeChecked();
    expect(within(draft).queryByTestId('export-refused')).toBeNull();

    // Whatever format was exported last is proposed.
    localStorage.setItem(LAST_FORMAT_KEY, 'pdf');
    cleanupDialog();
    const again = await openClaimExportKeeping(CLAIMS);
    expect(within(again).getByTestId('export-format-pdf')).toBeChecked();
  });

  it('goes quietly back to the choice when the save dialog is cancelled', async () => {
    const { backend, user, dialog } = await openClaimExport();
    backend.on('export_report', () => null);
    await user.click(within(dialog).getByTestId('export-format-csv'));
    await user.click(within(dialog).getByTestId('export-go'));
    await waitFor(() => expect(within(dialog).getByTestId('export-go')).toBeEnabled());
    expect(within(dialog).queryByTestId('export-done')).toBeNull();
    expect(within(dialog).queryByTestId('export-error')).toBeNull();
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(within(dialog).getByTestId('export-format-csv')).toBeChecked();
    expect(document.activeElement).toBe(within(dialog).getByTestId('export-go'));
  });

  it('says in plain words why an export failed, and lets the checker try again', async () => {
    const { backend, user, dialog } = await openClaimExport();
    backend.on('export_report', () => {
      throw { kind: 'Io', message: 'could not replace /read-only/report.md: Permission denied (os error 13)', field: null };
    });
    await user.click(within(dialog).getByTestId('export-go'));
    const alert = await within(dialog).findByTestId('export-error');
    expect(alert).toHaveTextContent('The export failed: could not replace /read-only/report.md: Permission denied');
    expect(within(dialog).getByTestId('export-go')).toBeEnabled();
  });

  it('closes on Esc without the screen acting on the keys, and gives the focus back', async () => {
    const { user, dialog, button } = await openClaimExport();
    // Keys typed in the dialog stay in it: "n" would start a new claim on the claims screen.
    await user.keyboard('n');
    expect(screen.queryByTestId('claim-form')).toBeNull();
    // Tab stays inside the dialog.
    for (let i = 0; i < 6; i++) {
      await user.tab();
      expect(dialog.contains(document.activeElement)).toBe(true);
    }
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('export-dialog')).toBeNull());
    expect(document.activeElement).toBe(button);
  });

  it('opens the export of the open claim with X and of the list with Shift+X', async () => {
    fakeBackend(CLAIMS);
    render(App);
    const user = userEvent.setup();
    await waitFor(() => expect(screen.getAllByTestId('claim-row')).toHaveLength(2));
    await user.click(screen.getAllByTestId('claim-row')[0]);
    await waitFor(() => expect(screen.getByTestId('detail-text')).toHaveTextContent('no plans to send US service members'));
    await user.keyboard('x');
    expect(within(await screen.findByTestId('export-dialog')).getByTestId('export-label')).toHaveTextContent('this claim');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('export-dialog')).not.toBeInTheDocument());
    await user.keyboard('X');
    expect(within(await screen.findByTestId('export-dialog')).getByTestId('export-label')).toHaveTextContent('Exports the 2 claims in this list.');
  });

  it('exports the list as it is shown: the same search and filters', async () => {
    const backend = fakeBackend(CLAIMS);
    render(App);
    const user = userEvent.setup();
    await waitFor(() => expect(screen.getAllByTestId('claim-row')).toHaveLength(2));
    await user.type(screen.getByTestId('claim-search'), 'fuel');
    await waitFor(() => expect(screen.getAllByTestId('claim-row')).toHaveLength(1));
    await user.selectOptions(screen.getByTestId('status-filter'), 'researching');
    const last = (cmd: string) => backend.callsOf(cmd)[backend.callsOf(cmd).length - 1];
    await waitFor(() => expect(last('list_claims').args).toMatchObject({ query: { status: 'researching' } }));
    await waitFor(() => expect(screen.getByTestId('export-list')).toBeEnabled());

    backend.on('export_report', () => ({ path: '/tmp/factdesk-claims.csv', claims: 1, warnings: [] }));
    await user.click(screen.getByTestId('export-list'));
    const dialog = await screen.findByTestId('export-dialog');
    expect(within(dialog).getByTestId('export-label')).toHaveTextContent('Exports the 1 claim in this list.');
    await user.click(within(dialog).getByTestId('export-format-csv-evidence'));
    await user.click(within(dialog).getByTestId('export-go'));
    await within(dialog).findByTestId('export-done');
    const listed = last('list_claims').args as { query: Record<string, unknown> };
    const request = (backend.callsOf('export_report')[0].args as { request: ExportRequest }).request;
    expect(request.format).toBe('csv-evidence');
    expect(request.claim_uuid).toBeUndefined();
    expect(request.query).toEqual({ ...listed.query, cursor: null });
    expect(request.query).toMatchObject({ search: 'fuel', status: 'researching' });
  });
});

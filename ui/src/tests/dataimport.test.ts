import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../App.svelte';
import { fakeBackend, makeClaim } from './fakeBackend';
import type { DataImportPreview, ImportItem, ImportReport } from '../lib/api/types';

const item = (over: Partial<ImportItem>): ImportItem => ({
  position: 1,
  path: '[0]',
  action: 'create',
  claim_uuid: null,
  claim: '',
  publisher: 'Harbour Checks',
  rating: 'False',
  mapped_rating: 'false',
  reason: '',
  notes: [],
  ...over,
});

const ITEMS: ImportItem[] = [
  item({ position: 1, path: '[0]', claim: 'The bridge cost 40 million to repair.' }),
  item({ position: 2, path: '[1]', action: 'skip', claim: '', rating: 'True', mapped_rating: null, reason: 'no claimReviewed: the record does not say which claim it reviews' }),
  item({ position: 3, path: '[2]', action: 'unchanged', claim: 'There are no plans to send US service members to fight in Ukraine.', claim_uuid: 'c-1' }),
  item({ position: 4, path: '[3]', action: 'update', claim: 'Ferry fares rose 30% last winter.', claim_uuid: 'c-7', rating: 'Mostly False', mapped_rating: 'mostly_false', reason: 'a newer review by Harbour Checks' }),
];

function report(written: boolean): ImportReport {
  return { kind: 'claimreview', written, found: 4, created: 1, updated: 1, unchanged: 1, skipped: 1, items: ITEMS, notes: [] };
}

const PREVIEW: DataImportPreview = { token: 'imp-1', file_name: 'harbour-checks.jsonld', preview: report(false) };

async function openDataImport() {
  const backend = fakeBackend([makeClaim()]);
  backend.on('preview_data_import', () => PREVIEW);
  backend.on('commit_data_import', () => ({ ...report(true), items: ITEMS.map((i) => (i.action === 'create' ? { ...i, claim_uuid: 'c-new' } : i)) }));
  backend.on('discard_data_import', () => null);
  render(App);
  await waitFor(() => expect(screen.getAllByTestId('claim-row')).toHaveLength(1));
  const user = userEvent.setup();
  await user.keyboard('{Alt>}3{/Alt}');
  // The article import is still the first thing the screen shows.
  await waitFor(() => expect(screen.getByTestId('paste-text')).toBeVisible());
  await user.click(screen.getByTestId('import-tab-data'));
  await waitFor(() => expect(screen.getByTestId('data-import')).toBeVisible());
  expect(screen.getByTestId('paste-text')).not.toBeVisible();
  return { backend, user };
}

async function previewFile(ctx: Awaited<ReturnType<typeof openDataImport>>, kind = 'claim_review') {
  await ctx.user.click(screen.getByTestId(`data-kind-${kind}`));
  await ctx.user.click(screen.getByTestId('data-choose'));
  await screen.findByTestId('data-preview-title');
}

describe('data import', () => {
  it('previews the file before anything is written: counts, every record, and each skipped record with its reason', async () => {
    const ctx = await openDataImport();
    await previewFile(ctx, 'json');
    expect(ctx.backend.callsOf('preview_data_import')[0].args).toEqual({ kind: 'json' });
    expect(ctx.backend.callsOf('commit_data_import')).toHaveLength(0);

    expect(screen.getByTestId('data-preview-title')).toHaveTextContent('Preview of harbour-checks.jsonld');
    expect(screen.getByTestId('data-import')).toHaveTextContent('Nothing has been written yet');
    expect(screen.getByTestId('count-created')).toHaveTextContent('1');
    expect(screen.getByTestId('count-updated')).toHaveTextContent('1');
    expect(screen.getByTestId('count-unchanged')).toHaveTextContent('1');
    expect(screen.getByTestId('count-skipped')).toHaveTextContent('1');

    const skipped = screen.getAllByTestId('skipped-record');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toHaveAttribute('data-position', '2');
    expect(skipped[0]).toHaveTextContent('#2');
    expect(skipped[0]).toHaveTextContent('(no claim text)');
    expect(within(skipped[0]).getByTestId('import-record-reason')).toHaveTextContent('no claimReviewed: the record does not say which claim it reviews');

    const records = screen.getAllByTestId('import-record');
    expect(records.map((r) => r.dataset.action)).toEqual(['create', 'skip', 'unchanged', 'update']);
    expect(records.map((r) => r.querySelector('.action')?.textContent)).toEqual(['New', 'Skip', 'Unchanged', 'Update']);
    expect(within(records[0]).getByTestId('import-record-rating')).toHaveTextContent(/^· rated “False”, read as false$/);
    expect(within(records[3]).getByTestId('import-record-rating')).toHaveTextContent('rated “Mostly False”, read as mostly false');
    expect(within(records[1]).getByTestId('import-record-rating')).toHaveTextContent(/^· rated “True”$/);
    expect(screen.getByTestId('data-commit')).toHaveTextContent('Import 2 records');
  });

  it('Import commits the previewed file under its token, then says what was done', async () => {
    const ctx = await openDataImport();
    await previewFile(ctx);
    await ctx.user.click(screen.getByTestId('data-commit'));
    await screen.findByTestId('data-result-title');
    expect(ctx.backend.callsOf('commit_data_import')).toEqual([{ cmd: 'commit_data_import', args: { token: 'imp-1', strict: false } }]);
    expect(screen.getByTestId('data-result-counts')).toHaveTextContent('ClaimReview JSON-LD: 1 created · 1 updated · 1 unchanged · 1 skipped');
    const done = screen.getAllByTestId('imported-record');
    expect(done.map((r) => r.querySelector('.action')?.textContent)).toEqual(['Created', 'Skipped', 'Unchanged', 'Updated']);
    // A created claim opens on the claims screen.
    ctx.backend.claims.push(makeClaim({ uuid: 'c-new', text: 'The bridge cost 40 million to repair.' }));
    await ctx.user.click(within(done[0]).getByTestId('import-open-claim'));
    await waitFor(() => expect(screen.getByTestId('detail-text')).toHaveTextContent('The bridge cost 40 million to repair.'));
  });

  it('Cancel writes nothing and forgets the file', async () => {
    const ctx = await openDataImport();
    await previewFile(ctx);
    await ctx.user.click(screen.getByTestId('data-cancel'));
    await waitFor(() => expect(screen.queryByTestId('data-preview-title')).toBeNull());
    expect(ctx.backend.callsOf('commit_data_import')).toHaveLength(0);
    await waitFor(() => expect(ctx.backend.callsOf('discard_data_import')).toEqual([{ cmd: 'discard_data_import', args: { token: 'imp-1' } }]));
    expect(document.activeElement).toBe(screen.getByTestId('data-choose'));
  });

  it('strict: warns that the file will be refused, sends strict, and keeps the preview when the backend refuses', async () => {
    const ctx = await openDataImport();
    ctx.backend.on('commit_data_import', (args) => {
      if ((args as { strict: boolean }).strict) {
        throw { kind: 'Validation', message: 'Record 2 ([1]), claimReviewed: no claim text. Nothing was imported (strict: every record must be usable as given).', field: 'claimReviewed' };
      }
      return report(true);
    });
    await previewFile(ctx);
    expect(screen.queryByTestId('data-strict-warning')).toBeNull();
    await ctx.user.click(screen.getByTestId('data-strict'));
    expect(screen.getByTestId('data-strict-warning')).toHaveTextContent('the file will be refused and nothing imported: 1 record cannot be used');
    await ctx.user.click(screen.getByTestId('data-commit'));
    const err = await screen.findByTestId('data-error');
    expect(err).toHaveTextContent('Record 2 ([1]), claimReviewed: no claim text. Nothing was imported');
    expect(ctx.backend.callsOf('commit_data_import')[0].args).toEqual({ token: 'imp-1', strict: true });
    // Still the preview: the checker can untick strict and import the usable records.
    expect(screen.getByTestId('data-preview-title')).toBeInTheDocument();
    await ctx.user.click(screen.getByTestId('data-strict'));
    await ctx.user.click(screen.getByTestId('data-commit'));
    await screen.findByTestId('data-result-title');
  });

  it('a file that is not what it claims gets the backend’s plain message, and nothing is previewed', async () => {
    const ctx = await openDataImport();
    ctx.backend.on('preview_data_import', () => {
      throw { kind: 'Validation', message: '“claims.csv” is not JSON, so it cannot be ClaimReview JSON-LD. It looks like a CSV file: choose “Claims CSV” for a Factdesk claims CSV. Nothing was imported.', field: 'file' };
    });
    await ctx.user.click(screen.getByTestId('data-choose'));
    expect(await screen.findByTestId('data-error')).toHaveTextContent('It looks like a CSV file: choose “Claims CSV”');
    expect(screen.queryByTestId('data-preview-title')).toBeNull();
    expect(ctx.backend.callsOf('commit_data_import')).toHaveLength(0);
  });

  it('a cancelled file dialog changes nothing', async () => {
    const ctx = await openDataImport();
    ctx.backend.on('preview_data_import', () => null);
    await ctx.user.click(screen.getByTestId('data-choose'));
    await waitFor(() => expect(screen.getByTestId('data-choose')).toBeEnabled());
    expect(screen.queryByTestId('data-preview-title')).toBeNull();
    expect(screen.queryByTestId('data-error')).toBeNull();
  });
});

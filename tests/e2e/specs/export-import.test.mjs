// Reports and interchange in the real window: export a claim and the list to files, import another
// publisher's ClaimReview feed through its preview, and back the workspace up. The app's save and
// open dialogs are answered through FACTDESK_SAVE_PATH (a folder: the suggested name in it) and
// FACTDESK_OPEN_PATH (the file to open), since WebDriver cannot drive GTK's native dialogs.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { app } from '../harness.mjs';
import { assertNoErrorBanner, byId, click, row, textOf, typeInto, waitFor, waitForText } from '../ui.mjs';

const AID = '0190f3a0-0000-7000-8000-00000000c002';
const AID_TEXT = 'A $60 billion aid package for Ukraine remains held up in Congress.';
const RYDER = '0190f3a0-0000-7000-8000-00000000c001';

// Written for this test: one usable review from another publisher and one record nobody could use.
const FEED = {
  '@context': 'https://schema.org',
  '@graph': [
    {
      '@type': 'ClaimReview',
      url: 'https://checker.example/fact-check/harbour-ferry-fares',
      claimReviewed: 'Harbour ferry fares have doubled since 2020.',
      datePublished: '2025-05-02',
      author: { '@type': 'Organization', name: 'Checker Example' },
      itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: 'Ines Marlow' }, datePublished: '2025-04-28' },
      reviewRating: { '@type': 'Rating', ratingValue: 2, bestRating: 5, worstRating: 1, alternateName: 'Mostly false' },
    },
    {
      '@type': 'ClaimReview',
      url: 'https://checker.example/fact-check/empty',
      author: { '@type': 'Organization', name: 'Checker Example' },
      reviewRating: { '@type': 'Rating', alternateName: 'False' },
    },
  ],
};

describe('export and import', () => {
  let db;
  let out;
  let backupPath;
  before(async () => {
    db = app.workspace('desk.factdesk');
    app.cli('--db', db, 'demo');
    out = join(dirname(db), 'out');
    mkdirSync(out, { recursive: true });
    const feed = join(dirname(db), 'feed.json');
    writeFileSync(feed, JSON.stringify(FEED, null, 2));
    await app.launch(db, { env: { FACTDESK_SAVE_PATH: out, FACTDESK_OPEN_PATH: feed } });
  });

  /** Opens the export dialog with `button`, picks `format`, exports, and answers the file written. */
  async function exportAs(browser, button, format) {
    await click(browser, button);
    await byId(browser, 'export-dialog');
    await click(browser, `export-format-${format}`);
    await click(browser, 'export-go');
    const path = await waitForText(browser, 'export-done-path', (t) => t.length > 0, 30000);
    await click(browser, 'export-done-close');
    await waitFor(browser, 'the export dialog to close', async () => (await browser.$$('[data-testid="export-dialog"]')).length === 0);
    assert.equal(dirname(path), out, 'written where the save dialog said');
    return path;
  }

  it('exports the open claim as Markdown: claim, claimant, verdict and sources', async () => {
    await (await row(browser, AID)).click();
    await waitForText(browser, 'detail-text', AID_TEXT);
    const path = await exportAs(browser, 'export-claim', 'md');
    // Named by the claim's words (its summary) and the day it was said, not by its id.
    assert.equal(basename(path), 'the-60-billion-ukraine-aid-package-is-stalled-in-congress-2024-02-28.md');
    const md = readFileSync(path, 'utf8');
    assert.ok(md.includes('$60 billion aid package'), 'the claim wording');
    assert.match(md, /Distinct Post/, 'the claimant');
    assert.match(md, /\bTrue\b/, 'the rating of the current verdict');
    assert.match(md, /https?:\/\//, 'its sources with their addresses');
    await assertNoErrorBanner(browser);
  });

  it('exports the open claim as ClaimReview JSON-LD, linked to where it was published', async () => {
    const page = 'https://desk.example/2024/03/aid-package-stalled';
    await typeInto(browser, 'published-at-input', page);
    await click(browser, 'published-at-save');
    await waitForText(browser, 'published-at-link', page);
    const path = await exportAs(browser, 'export-claim', 'claimreview');
    const review = JSON.parse(readFileSync(path, 'utf8'));
    assert.equal(review['@type'], 'ClaimReview');
    assert.equal(review.claimReviewed, AID_TEXT);
    assert.equal(review.url, page, 'the address the checker gave');
    assert.equal(review.identifier, AID);
    assert.equal(review.reviewRating.alternateName, 'True');
    assert.match(review.reviewRating.ratingExplanation, /^Checked against the Senate-passed bill/);
    assert.notEqual(review.author?.['@type'], 'Person', 'never a person called "checker"');
    assert.equal(review.itemReviewed['@type'], 'Claim');
  });

  it('refuses ClaimReview of a claim not published before any file is asked for', async () => {
    await (await row(browser, RYDER)).click();
    await waitForText(browser, 'detail-text', /no plans to send US service members/);
    const before = readdirSync(out).length;
    await click(browser, 'export-claim');
    await byId(browser, 'export-dialog');
    await click(browser, 'export-format-claimreview');
    await waitForText(browser, 'export-refused', /not published: ClaimReview markup is for a published fact-check/);
    assert.equal(await (await byId(browser, 'export-go')).isEnabled(), false);
    await browser.keys(['Escape']);
    await waitFor(browser, 'the export dialog to close', async () => (await browser.$$('[data-testid="export-dialog"]')).length === 0);
    assert.equal(readdirSync(out).length, before, 'no file written');
    await (await row(browser, AID)).click();
    await waitForText(browser, 'detail-text', AID_TEXT);
  });

  it('exports the searched list as self-contained HTML: only the claims shown', async () => {
    await typeInto(browser, 'claim-search', 'billion congress');
    await waitForText(browser, 'claim-count', '1 claim');
    const path = await exportAs(browser, 'export-list', 'html');
    const html = readFileSync(path, 'utf8');
    assert.match(html, /^<!DOCTYPE html>/i);
    assert.ok(!/<script/i.test(html), 'no scripts');
    assert.ok(!/(src|href)="https?:\/\/[^"]*\.(css|js)"/i.test(html), 'no remote styles or scripts');
    assert.ok(html.includes('$60 billion aid package'), 'the claim of the list');
    assert.ok(!html.includes('no plans to send US service members'), 'a claim not in the list is not in the report');
    await typeInto(browser, 'claim-search', '');
    await assertNoErrorBanner(browser);
  });

  it('imports a ClaimReview feed: a preview first, nothing written until Import', async () => {
    await click(browser, 'nav-import');
    await click(browser, 'import-tab-data');
    await click(browser, 'data-kind-claim_review');
    await click(browser, 'data-choose');
    await waitForText(browser, 'data-preview-title', /feed\.json/);
    assert.equal(await textOf(await byId(browser, 'count-created')), '1');
    assert.equal(await textOf(await byId(browser, 'count-skipped')), '1');
    assert.match(await textOf(await byId(browser, 'data-skipped')), /2/, 'the unusable record is listed by position');
    const before = JSON.parse(app.cli('--db', db, 'claim', 'list', '--json'));
    assert.equal(before.length, 5, 'the preview wrote nothing');

    await click(browser, 'data-commit');
    await waitForText(browser, 'data-result-title', 'Imported');
    const after = JSON.parse(app.cli('--db', db, 'claim', 'list', '--json'));
    assert.equal(after.length, 6);
    const theirs = after.find((c) => c.text.includes('ferry fares have doubled'));
    assert.ok(theirs, 'the review is a claim in the workspace');
    const shown = JSON.parse(app.cli('--db', db, 'claim', 'show', theirs.uuid));
    assert.equal(shown.origin, 'imported');
    assert.equal(shown.verdict, null, "another publisher's rating is never the desk's verdict");
    assert.equal(shown.external_reviews[0].publisher, 'Checker Example');
    assert.equal(shown.external_reviews[0].rating_text, 'Mostly false');
    await assertNoErrorBanner(browser);
  });

  it('the imported fact-check is found in the claim list and shows whose review it is', async () => {
    await click(browser, 'nav-claims');
    await typeInto(browser, 'claim-search', 'ferry fares');
    await waitForText(browser, 'claim-count', '1 claim');
    await (await browser.$('[data-testid="claim-row"]')).click();
    await waitForText(browser, 'detail-text', /ferry fares have doubled/);
    const detail = await textOf(await byId(browser, 'claim-detail'));
    assert.match(detail, /Checker Example/);
    assert.match(detail, /Mostly false/);
    await typeInto(browser, 'claim-search', '');
  });

  it('backs the workspace up from Settings; the copy opens with every claim', async () => {
    await click(browser, 'open-settings');
    await click(browser, 'backup-start');
    const path = await waitForText(browser, 'backup-path', (t) => t.length > 0, 30000);
    assert.equal(dirname(path), out);
    assert.match(basename(path), /^factdesk-backup-\d{4}-\d{2}-\d{2}\.factdesk$/);
    assert.ok(readdirSync(out).includes(basename(path)));
    const copy = JSON.parse(app.cli('--db', path, 'claim', 'list', '--json'));
    assert.equal(copy.length, 6, 'the backup holds the imported review too');
    backupPath = path;
    await assertNoErrorBanner(browser);
  });

  it('restores the backup from Settings: the window shows it, the replaced workspace is kept', async () => {
    await app.quit();
    app.cli('--db', db, 'claim', 'add', '--text', 'A claim added after the backup was made, to be undone by the restore.');
    assert.equal(JSON.parse(app.cli('--db', db, 'claim', 'list', '--json')).length, 7);
    const b = await app.launch(db, { env: { FACTDESK_OPEN_PATH: backupPath } });
    await waitForText(b, 'claim-count', '7 claims');
    await click(b, 'open-settings');
    await click(b, 'restore-start');
    await byId(b, 'restore-confirm');
    await click(b, 'restore-choose');
    // The window reloads on the restored workspace and says what happened.
    await waitForText(b, 'notice-banner', /Restored 6 claims and \d+ sources? from .*factdesk-backup-.*before-restore/, 30000);
    await waitForText(b, 'claim-count', '6 claims');
    assert.equal(JSON.parse(app.cli('--db', db, 'claim', 'list', '--json')).length, 6);
    assert.equal(JSON.parse(app.cli('--db', `${db}.before-restore`, 'claim', 'list', '--json')).length, 7, 'the replaced workspace, whole');
    await assertNoErrorBanner(b);
  });
});

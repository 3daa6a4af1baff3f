// "Already checked?" in the real window (issue 13): another publisher's fact-check, imported with
// ClaimReview, is found while the checker types the claim in other words, by meaning (the matching
// model runs in the app; it indexes the workspace in the background after launch).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { app } from '../harness.mjs';
import { assertNoErrorBanner, allById, byId, click, countNow, screenshot, textOf, typeInto, waitFor, waitForText } from '../ui.mjs';

const REVIEW = {
  '@context': 'https://schema.org',
  '@type': 'ClaimReview',
  url: 'https://checks.example.org/2025/03/school-meals',
  datePublished: '2025-03-04',
  author: { '@type': 'Organization', name: 'Harbour Fact Check', url: 'https://checks.example.org' },
  claimReviewed: 'Free school meals now reach one in three pupils in England',
  reviewRating: { '@type': 'Rating', alternateName: 'Half true' },
};

describe('already checked, by meaning', () => {
  before(async () => {
    const db = app.workspace('matching.factdesk');
    app.cli('--db', db, 'demo');
    const file = app.workspace('review.json');
    writeFileSync(file, JSON.stringify(REVIEW));
    app.cli('--db', db, 'import', 'claimreview', file);
    await app.launch(db);
  });

  it('typing a paraphrase shows who already checked it, before saving', async () => {
    await click(browser, 'new-claim');
    // Other words and another spelling of the share: "a third of schoolchildren", "33%".
    await typeInto(browser, 'claim-text', 'A third of English schoolchildren, 33%, get their school meals for free');
    await waitFor(browser, 'the imported fact-check among the matches', async () => {
      for (const item of await allById(browser, 'similar-claim')) {
        if ((await textOf(item)).includes('Free school meals now reach one in three pupils in England')) return true;
      }
      return false;
    }, 60000);
    const words = [];
    for (const el of await allById(browser, 'similar-checked-by')) words.push(await textOf(el));
    assert.ok(words.some((w) => w.includes('Already checked by Harbour Fact Check, rated “Half true”')), words.join(' | '));
    // The model is on: the window never said it matches by words only.
    assert.equal(await countNow(browser, 'matching-notice'), 0, 'the app found the installed matching model');
    await assertNoErrorBanner(browser);
  });

  it('Settings → Matching model names the model in use, its folder and how it was chosen', async () => {
    await click(browser, 'open-settings');
    await waitForText(browser, 'model-in-use', (t) => t.includes('all-MiniLM-L6-v2'), 60000);
    // The harness names the installed model with FACTDESK_MODEL (see harness.mjs).
    const folder = await textOf(await byId(browser, 'model-folder'));
    assert.ok(folder.endsWith('all-MiniLM-L6-v2'), folder);
    const facts = await textOf(await byId(browser, 'model-status'));
    assert.ok(facts.includes('FACTDESK_MODEL environment variable'), facts);
    // A model in use: nothing to download.
    assert.equal(await countNow(browser, 'model-download-start'), 0);
    if (process.env.E2E_SCREENSHOT_DIR) {
      const panel = await byId(browser, 'model-panel');
      await panel.scrollIntoView();
      await screenshot(browser, 'settings-matching-model');
    }
    await assertNoErrorBanner(browser);
  });
});

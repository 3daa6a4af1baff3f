// Every list follows the workspace (issue 17, item 1), in the real window, from an empty workspace
// as a new user starts: the Claims, Sources and Claimants screens are shown empty; an article is
// pasted on Import and two of its candidates accepted; then the Claims screen lists both claims,
// with nothing typed and no other click than the tab, and the other screens show the article and
// the speakers. A `factdesk-cli` command that borrows the open workspace adds a claim: the list
// shows it without a click. `E2E_SCREENSHOT_DIR=…` saves what the Claims screen shows.
//
// The steps build on each other; when one fails, the rest are skipped (see harness.mjs).
import assert from 'node:assert/strict';
import { app } from '../harness.mjs';
import { assertNoErrorBanner, click, screenshot, typeInto, waitFor, waitForText } from '../ui.mjs';

const TITLE = 'Harbour council weighs ferry cuts';
const PARAGRAPHS = [
  'The harbour council will vote next week on cutting the winter ferry timetable, its chair said on Monday.',
  '"We carried 41,000 passengers last winter and lost 2.3 million euros doing it," said Council Chair Ines Marlow, who has led the council since 2019.',
  'Union secretary Dag Holm said: "Cutting the late boats would cost 35 jobs by March."',
  'The ferry workers union said it would oppose any cut that costs jobs.',
];
const BY_COMMAND = 'The ferry company ran 14 crossings a day in 2023, said by a factdesk-cli command.';

/** The texts of the claim rows shown, in order (one script call: no stale handles). */
async function claimTexts(browser) {
  return browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="claim-row"] .claim-row-text'), (r) => r.textContent?.trim() ?? ''),
  );
}


describe('every list follows the workspace', () => {
  let accepted = [];

  before(async () => {
    await waitForText(browser, 'claim-count', '0 claims');
  });

  it('an empty workspace: no claims, no sources, no claimants', async () => {
    assert.deepEqual(await claimTexts(browser), []);
    await click(browser, 'nav-sources');
    await waitForText(browser, 'source-count', '0 sources');
    await click(browser, 'nav-claimants');
    await waitForText(browser, 'claimant-count', '0 claimants');
    await assertNoErrorBanner(browser);
  });

  it('two candidates of a pasted article are accepted on the Import screen', async () => {
    await click(browser, 'nav-import');
    await typeInto(browser, 'paste-title', TITLE);
    await typeInto(browser, 'paste-text', PARAGRAPHS.join('\n'));
    await click(browser, 'paste-go');
    await waitForText(browser, 'article-title', TITLE);
    await waitFor(browser, 'at least two candidates', async () => (await browser.$$('[data-testid="candidate"]')).length >= 2);
    for (const index of ['0', '1']) {
      const card = await browser.$(`[data-testid="candidate"][data-index="${index}"]`);
      accepted.push(String(await card.$('[data-testid="candidate-text"]').getProperty('innerText')).trim());
      await (await card.$('[data-testid="candidate-accept"]')).click();
      const form = await card.$('[data-testid="accept-form"]');
      await form.waitForDisplayed();
      await (await form.$('[data-testid="accept-save"]')).click();
      await (await card.$('[data-testid="candidate-created"]')).waitForDisplayed();
    }
    await assertNoErrorBanner(browser);
  });

  it('the Claims screen lists both, with nothing typed', async () => {
    await click(browser, 'nav-claims');
    // Nothing but the tab: the list has followed the two accepts.
    await waitForText(browser, 'claim-count', '2 claims', 5000);
    const texts = await claimTexts(browser);
    assert.equal(texts.length, 2, JSON.stringify(texts));
    for (const words of accepted) {
      const start = words.replace(/^["“]/, '').slice(0, 20);
      assert.ok(texts.some((t) => t.includes(start)), `the claim “${words}” is listed: ${JSON.stringify(texts)}`);
    }
    assert.equal(await (await browser.$('[data-testid="claim-search"]')).getValue(), '', 'nothing was typed in the search box');
    assert.equal(await browser.execute(() => document.body.innerText.includes('No claims yet')), false);
    await screenshot(browser, 'claims-after-import');
    await assertNoErrorBanner(browser);
  });

  it('the Sources screen lists the article, the Claimants screen the speakers', async () => {
    await click(browser, 'nav-sources');
    await waitForText(browser, 'source-count', '1 source', 5000);
    await waitForText(browser, 'source-list', (t) => t.includes(TITLE));
    await click(browser, 'nav-claimants');
    await waitFor(browser, 'a claimant', async () => (await browser.$$('[data-testid="claimant-row"]')).length >= 1, 5000);
    await assertNoErrorBanner(browser);
  });

  it('a claim added by a factdesk-cli command shows without a click', async () => {
    await click(browser, 'nav-claims');
    app.cli('--db', app.workspace(), 'claim', 'add', '--text', BY_COMMAND);
    await waitForText(browser, 'claim-count', '3 claims', 10000);
    assert.ok((await claimTexts(browser)).includes(BY_COMMAND));
    await screenshot(browser, 'claims-after-cli');
    await assertNoErrorBanner(browser);
  });
});

// From article to claims in the real window: paste an article (written for this test) on the Import
// screen, see its candidates ranked with speakers, one flagged as already in the demo workspace;
// accept one (it becomes a claim with the speaker as claimant, the article as its appearance and the
// exact excerpt as evidence), reject another; relaunch, open the article again from the Sources
// screen and find both decisions kept. The CLI cross-checks what the window wrote.
//
// The steps build on each other; when one fails, the rest are skipped (see harness.mjs).
import assert from 'node:assert/strict';
import { app } from '../harness.mjs';
import { assertNoErrorBanner, click, sourceRowUuids, typeInto, waitFor, waitForText } from '../ui.mjs';

const TITLE = 'Harbour council weighs ferry cuts';
// One paragraph a line. The second quote says what a demo claim says ("NATO has no plans to send
// combat troops to Ukraine") in other words, so the candidate is flagged as similar.
const PARAGRAPHS = [
  'The harbour council will vote next week on cutting the winter ferry timetable, its chair said on Monday.',
  '"We carried 41,000 passengers last winter and lost 2.3 million euros doing it," said Council Chair Ines Marlow, who has led the council since 2019.',
  'Marlow said the cuts would fall on the late-evening crossings, which she called "the emptiest boats on the water."',
  'At a press conference in Brussels, the alliance spokesperson Tomas Reyes was asked about the war. "NATO has no plans at all to send combat troops into Ukraine," Reyes said.',
  'The ferry workers union said it would oppose any cut that costs jobs.',
];
const ACCEPT = { start: '"We carried 41,000 passengers', speaker: 'Ines Marlow' };
const REJECT = { contains: 'emptiest boats' };

describe('article import', () => {
  let db;
  let claimUuid;
  before(async () => {
    db = app.workspace('articles.factdesk');
    app.cli('--db', db, 'demo');
    await app.launch(db);
  });

  it('pasting an article shows its candidates, ranked, with speakers', async () => {
    await click(browser, 'nav-import');
    await typeInto(browser, 'paste-title', TITLE);
    await typeInto(browser, 'paste-text', PARAGRAPHS.join('\n'));
    await click(browser, 'paste-go');
    await waitForText(browser, 'article-title', TITLE);
    const cards = await candidates(browser);
    assert.ok(cards.length >= 3, `at least 3 candidates, got ${cards.length}: ${JSON.stringify(cards)}`);
    const scores = cards.map((c) => c.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'candidates are ranked by score, highest first');
    const quote = cards.find((c) => c.text.includes('41,000 passengers'));
    assert.ok(quote, 'the 41,000 passengers quote is a candidate');
    assert.match(quote.speaker, /Ines Marlow/, 'its speaker is the council chair, by full name');
    const nato = cards.find((c) => c.text.includes('NATO has no plans'));
    assert.ok(nato, 'the NATO quote is a candidate');
    assert.match(nato.speaker, /Reyes/);
    assert.ok(nato.similar, 'the NATO quote is flagged as similar to a claim already in the workspace');
    // The highlighted marks in the article text are the candidates: every candidate is marked (a
    // candidate holding a shorter one, such as a sentence around its quote, is marked in pieces).
    const marked = await browser.execute(() =>
      [...new Set([...document.querySelectorAll('[data-testid="candidate-mark"]')].map((m) => m.getAttribute('data-index')))].sort(),
    );
    assert.deepEqual(marked, cards.map((c) => c.index).sort());
    await assertNoErrorBanner(browser);
  });

  it('accepting a candidate creates the claim with its speaker as claimant', async () => {
    const index = await cardIndex(browser, (t) => t.includes('41,000 passengers'));
    const card = await browser.$(`[data-testid="candidate"][data-index="${index}"]`);
    await (await card.$('[data-testid="candidate-accept"]')).click();
    const form = await card.$('[data-testid="accept-form"]');
    await form.waitForDisplayed();
    assert.match(await (await form.$('[data-testid="accept-claimant"]')).getValue(), /Ines Marlow/);
    await (await form.$('[data-testid="accept-save"]')).click();
    await (await card.$('[data-testid="candidate-created"]')).waitForDisplayed();

    await (await card.$('[data-testid="open-created-claim"]')).click();
    await waitForText(browser, 'detail-text', (t) => t.includes('41,000 passengers'));
    claimUuid = await browser.execute(() => document.querySelector('[data-testid="claim-row"].selected, [data-testid="claim-row"][aria-selected="true"]')?.getAttribute('data-uuid') ?? null);
    await assertNoErrorBanner(browser);
  });

  it('rejecting another candidate keeps it, marked rejected', async () => {
    await click(browser, 'nav-import');
    const index = await cardIndex(browser, (t) => t.includes(REJECT.contains));
    const card = await browser.$(`[data-testid="candidate"][data-index="${index}"]`);
    await (await card.$('[data-testid="candidate-reject"]')).click();
    await (await card.$('[data-testid="candidate-reopen"]')).waitForDisplayed();
    await assertNoErrorBanner(browser);
  });

  it('the CLI sees the claim, its claimant, the article as appearance and the exact excerpt', async () => {
    const list = JSON.parse(app.cli('--db', db, 'claim', 'list', '--json'));
    const made = list.filter((c) => c.text.includes('41,000 passengers'));
    assert.equal(made.length, 1, 'exactly one claim was created from the article');
    if (claimUuid) assert.equal(made[0].uuid, claimUuid);
    const shown = JSON.parse(app.cli('--db', db, 'claim', 'show', made[0].uuid));
    assert.equal(shown.claimant?.name, ACCEPT.speaker);
    assert.equal(shown.appearances.length, 1);
    assert.equal(shown.evidence.length, 1);
    const excerpt = shown.evidence[0].excerpt;
    assert.ok(PARAGRAPHS.join('\n').includes(excerpt), `the evidence excerpt is exactly in the article: ${excerpt}`);
    assert.ok(excerpt.startsWith(ACCEPT.start.slice(1)) || excerpt.startsWith(ACCEPT.start), excerpt);
  });

  it('after a relaunch the article opens from the Sources screen with both decisions kept', async () => {
    await app.quit();
    const b = await app.launch(db);
    await click(b, 'nav-sources');
    await waitFor(b, 'the article in the source list', async () => (await sourceRowUuids(b)).length > 0);
    const uuid = await b.execute((title) => {
      const row = [...document.querySelectorAll('[data-testid="source-row"]')].find((r) => r.textContent?.includes(title));
      return row?.getAttribute('data-uuid') ?? null;
    }, TITLE);
    assert.ok(uuid, 'the pasted article is a source in the library');
    await (await b.$(`[data-testid="source-row"][data-uuid="${uuid}"]`)).click();
    await waitForText(b, 'source-detail-title', TITLE);
    await click(b, 'source-open-article');
    await waitForText(b, 'article-title', TITLE);
    const cards = await candidates(b);
    const accepted = cards.find((c) => c.text.includes('41,000 passengers'));
    const rejected = cards.find((c) => c.text.includes(REJECT.contains));
    assert.ok(accepted?.created, 'the accepted candidate still shows its claim');
    assert.ok(rejected?.rejected, 'the rejected candidate is still rejected');
    await assertNoErrorBanner(b);
  });
});

/** The candidate cards as shown, read in one script call. */
async function candidates(browser) {
  return browser.execute(() =>
    [...document.querySelectorAll('[data-screen="import"] [data-testid="candidate"]')].map((el) => ({
      index: el.getAttribute('data-index'),
      text: el.querySelector('[data-testid="candidate-text"]')?.textContent ?? '',
      speaker: el.querySelector('[data-testid="candidate-speaker"]')?.textContent ?? '',
      score: Number((el.querySelector('[data-testid="candidate-score"]')?.textContent ?? '').replace(/[^0-9.]/g, '')),
      similar: !!el.querySelector('[data-testid="candidate-similar"]'),
      created: !!el.querySelector('[data-testid="candidate-created"]'),
      rejected: !!el.querySelector('[data-testid="candidate-reopen"]'),
    })),
  );
}

async function cardIndex(browser, pred) {
  let found = null;
  await waitFor(browser, 'the candidate card', async () => {
    const c = (await candidates(browser)).find((x) => pred(x.text));
    found = c?.index ?? null;
    return found !== null;
  });
  return found;
}


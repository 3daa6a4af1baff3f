// The source library in the real window, against a web page served by this spec on 127.0.0.1:
// add the page by its address (title, publisher, author and date read from its og: tags), see its
// archived text, link it to a claim with an excerpt (found in the archived copy), then the page
// changes: capture it again, compare the two copies, and the evidence is flagged as no longer on
// the page. The app's backend fetches the page, not the webview, so the CSP does not come into it.
//
// The steps build on each other; when one fails, the rest are skipped (see harness.mjs).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { app } from '../harness.mjs';
import {
  anchorStates,
  assertNoErrorBanner,
  byId,
  choose,
  click,
  countNow,
  sel,
  sourceRowUuids,
  textOf,
  typeInto,
  waitFor,
  waitForCount,
  waitForText,
} from '../ui.mjs';

const PAGE = {
  path: '/news/aid-deliveries-2023',
  title: 'Aid deliveries fell short of pledges in 2023',
  publisher: 'Example Monitor',
  author: 'Dana Example',
  published: '2024-02-16',
};
const EXCERPT = 'about 60 percent had been delivered by the end of the year';
const CLAIM = 'Ukraine received only a fifth of the aid it was promised in 2023.';

/** The page as first published, and after a quiet edit of the figure the claim was checked against. */
function page(version) {
  const figure = version === 1 ? 'about 60 percent had been delivered by the end of the year' : 'about half had been delivered by the end of the year';
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${PAGE.title} | ${PAGE.publisher}</title>
  <meta property="og:title" content="${PAGE.title}">
  <meta property="og:site_name" content="${PAGE.publisher}">
  <meta property="og:type" content="article">
  <meta name="author" content="${PAGE.author}">
  <meta property="article:published_time" content="${PAGE.published}T08:00:00Z">
  <script>document.title = 'set by a script';</script>
</head>
<body>
  <article>
    <h1>${PAGE.title}</h1>
    <p>Of the aid pledged in 2023, ${figure}, the monitor found in its yearly review of donor reports.</p>
    <p>Deliveries slowed in the second half of the year as funding debates dragged on in several capitals.</p>
    <p>The figures cover military, financial and humanitarian aid reported by donor governments.</p>
    <p>Markup such as <code>&lt;img src=x onerror=alert(1)&gt;</code> in a page is only text to Factdesk.</p>
  </article>
</body>
</html>`;
}

describe('sources', () => {
  let server;
  let base;
  let version = 1;
  let served = 0;
  let db;
  let sourceUuid;

  before(async () => {
    server = createServer((req, res) => {
      if (req.url?.split('?')[0] !== PAGE.path) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
        return;
      }
      served++;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(version));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${server.address().port}`;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  before(async () => {
    db = app.workspace(); // the fresh workspace the runner's session opened the app on
    await app.launch(db); // already open on it: waits until its claim list has loaded
  });

  it('the Sources screen starts empty', async () => {
    await click(browser, 'nav-sources');
    await waitForText(browser, 'source-count', '0 sources');
    assert.match(await textOf(await byId(browser, 'source-list-empty')), /library is empty/);
    assert.equal(await (await byId(browser, 'nav-sources')).getAttribute('aria-current'), 'page');
  });

  it('adds a page by its address: title, publisher, author and date come from the page', async () => {
    const url = `${base}${PAGE.path}`;
    await typeInto(browser, 'source-add-url', url);
    await click(browser, 'source-add-go');

    await waitForText(browser, 'source-detail-title', PAGE.title);
    assert.equal(served, 1, 'the backend fetched the page once');
    assert.equal(await textOf(await byId(browser, 'source-detail-publisher')), PAGE.publisher);
    assert.equal(await textOf(await byId(browser, 'source-detail-author')), PAGE.author);
    assert.equal(await textOf(await byId(browser, 'source-detail-published')), PAGE.published);
    assert.match(await textOf(await byId(browser, 'source-add-result')), new RegExp(`Added “${escapeRe(PAGE.title)}”`));

    // The list has it, selected, with the details and "archived".
    await waitForText(browser, 'source-count', '1 source');
    const uuids = await sourceRowUuids(browser);
    assert.equal(uuids.length, 1);
    sourceUuid = uuids[0];
    const row = await browser.$(`${sel('source-row')}[data-uuid="${sourceUuid}"]`);
    assert.equal(await row.getAttribute('aria-selected'), 'true');
    assert.equal(await textOf(await byId(browser, 'source-row-title', { root: row })), PAGE.title);
    assert.equal(await textOf(await byId(browser, 'source-row-publisher', { root: row })), PAGE.publisher);
    assert.equal(await (await byId(browser, 'source-row-capture', { root: row })).getAttribute('data-state'), 'archived');

    const listed = JSON.parse(app.cli('--db', db, 'source', 'list', '--json'));
    assert.equal(listed.length, 1);
    assert.equal(listed[0].uuid, sourceUuid);
    assert.equal(listed[0].title, PAGE.title);
    assert.equal(listed[0].publisher, PAGE.publisher);
    await assertNoErrorBanner(browser);
    await screenshot(browser, 'sources-added');
  });

  it('shows the archived copy as text, never as markup', async () => {
    await waitForCount(browser, 'capture-row', 1);
    const capture = await textOf(await byId(browser, 'capture-row'));
    assert.match(capture, /\b200\b/);
    assert.match(capture, /fetched/);
    const text = await textOf(await byId(browser, 'snapshot-text'));
    assert.match(text, new RegExp(escapeRe(EXCERPT)));
    assert.match(text, /Deliveries slowed in the second half/);
    assert.match(text, /<img src=x onerror=alert\(1\)>/, 'markup in the page is shown as text');
    const live = await browser.execute(
      (s) => document.querySelector(s)?.querySelectorAll('img, script, iframe').length ?? -1,
      sel('source-detail'),
    );
    assert.equal(live, 0, 'no element of the page made it into the window');
  });

  it('links the source to a claim with an excerpt from the page: the excerpt is found', async () => {
    await browser.keys(['Alt', '1']);
    await waitFor(browser, 'the claims screen', async () => (await (await byId(browser, 'nav-claims')).getAttribute('aria-current')) === 'page');
    await click(browser, 'new-claim');
    await typeInto(browser, 'claim-text', CLAIM);
    await click(browser, 'claim-save');
    await waitForText(browser, 'detail-text', CLAIM);

    await click(browser, 'add-evidence');
    await byId(browser, 'evidence-form');
    // The same page again, with a tracking parameter: the library already has it.
    await typeInto(browser, 'ev-fetch-url', `${base}${PAGE.path}?utm_source=newsletter`);
    await click(browser, 'ev-fetch-go');
    await waitForText(browser, 'ev-fetch-result', new RegExp(`Already in the library as “${escapeRe(PAGE.title)}”`));
    assert.match(await textOf(await byId(browser, 'picked-source')), new RegExp(escapeRe(PAGE.title)));
    assert.equal(served, 1, 'a known address is not fetched again');
    await typeInto(browser, 'evidence-excerpt', EXCERPT);
    await choose(browser, 'evidence-stance', 'refutes');
    await click(browser, 'evidence-save');

    await waitForCount(browser, 'evidence-item', 1);
    await waitFor(browser, 'the anchor badge to say "found"', async () => (await anchorStates(browser, 'evidence-item')).join() === 'found');
    assert.match(await textOf(await byId(browser, 'evidence-capture')), /checked against the copy of/);
    assert.equal(await countNow(browser, 'anchor-stale'), 0);
    await click(browser, 'anchor-toggle');
    assert.equal(await textOf(await byId(browser, 'excerpt-hit')), EXCERPT);
    await assertNoErrorBanner(browser);
    await (await byId(browser, 'evidence-item')).scrollIntoView({ block: 'center' });
    await screenshot(browser, 'claim-evidence-found');
  });

  it('the source lists the claim citing it, the excerpt in context', async () => {
    await click(browser, 'nav-sources');
    const row = await browser.$(`${sel('source-row')}[data-uuid="${sourceUuid}"]`);
    await waitFor(browser, 'the row to say "cited by 1 claim"', async () => (await textOf(await byId(browser, 'source-row-cited', { root: row }))) === 'cited by 1 claim');
    await waitForCount(browser, 'citation', 1);
    assert.match(await textOf(await byId(browser, 'citation-open-claim')), new RegExp(escapeRe(CLAIM)));
    assert.deepEqual(await anchorStates(browser, 'citations'), ['found']);
    assert.equal(await textOf(await byId(browser, 'excerpt-hit', { root: await byId(browser, 'citations') })), EXCERPT);
  });

  it('the page changes: capture again, compare the copies, and the evidence is flagged', async () => {
    version = 2;
    await click(browser, 'recapture');
    await waitForText(browser, 'recapture-note', /the text differs from the previous copy/);
    assert.equal(served, 2);
    await waitForCount(browser, 'capture-row', 2);

    await click(browser, 'compare');
    await byId(browser, 'diff-view');
    const lines = await browser.execute(
      (s) => Array.from(document.querySelectorAll(s), (l) => ({ op: l.getAttribute('data-op'), text: l.textContent })),
      sel('diff-line'),
    );
    const removed = lines.filter((l) => l.op === 'removed');
    const added = lines.filter((l) => l.op === 'added');
    assert.equal(removed.length, 1, JSON.stringify(lines));
    assert.match(removed[0].text, /about 60 percent/);
    assert.equal(added.length, 1);
    assert.match(added[0].text, /about half/);
    await (await byId(browser, 'diff-view')).scrollIntoView({ block: 'center' });
    await screenshot(browser, 'source-diff');

    // Checked against the first copy, the excerpt is still found there, but no longer on the page.
    // (The claims screen, hidden, follows the change too and flags its open claim: count the source's.)
    const cited = () => browser.execute((s) => [...document.querySelectorAll(s)].map((e) => e.innerText), `${sel('citations')} ${sel('anchor-stale')}`);
    await waitFor(browser, 'the citation to be flagged', async () => (await cited()).length === 1);
    assert.match((await cited())[0], /no longer on the page/);

    await click(browser, 'citation-open-claim');
    await waitForText(browser, 'detail-text', CLAIM);
    // (The sources screen, hidden, keeps its own flag: count the claim's.)
    const flagged = () => browser.execute((s) => document.querySelectorAll(s).length, `${sel('evidence-item')} ${sel('anchor-stale')}`);
    await waitFor(browser, 'the evidence to be flagged in the claim', async () => (await flagged()) === 1);
    assert.deepEqual(await anchorStates(browser, 'evidence-item'), ['found']);
    await assertNoErrorBanner(browser);
    await (await byId(browser, 'evidence-item')).scrollIntoView({ block: 'center' });
    await screenshot(browser, 'claim-evidence-stale');
  });
});

/** With E2E_SCREENSHOT_DIR set, saves what the window shows now (to look at the UI as a person would). */
async function screenshot(browser, name) {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await browser.saveScreenshot(join(dir, `${name}.png`));
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Issue 16: drag and drop onto the real window. WebDriver cannot drag from another program, so each
// step builds what a drop carries in the page (a DataTransfer holding a File, or a text/uri-list)
// and dispatches the webview's own drag events with it: the window takes drops through those
// events (tauri.conf.json `dragDropEnabled: false`, ui/src/lib/drop.ts), so this is the code a real
// drop runs, up to the Rust commands and the workspace. While something is dragged over the window
// an overlay says what can be dropped; an article file opens on the Import screen with its
// candidates; a ClaimReview file opens the data import's preview and imports; a web address, served
// by this spec on 127.0.0.1, is added as a source (the address in the form while it is fetched);
// a Word file is refused in plain words. The CLI cross-checks what the window wrote.
// `E2E_SCREENSHOT_DIR=…` saves the overlay and each result (the X display).
//
// The steps build on each other; when one fails, the rest are skipped (see harness.mjs).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { app } from '../harness.mjs';
import { assertNoErrorBanner, byId, textOf, waitFor, waitForText } from '../ui.mjs';

// An article of our own, a headline first: opened from a .txt file, that line is its title.
const STORY = {
  name: 'harbour-story.txt',
  title: 'Harbour council weighs winter ferry cuts',
  body: [
    'Harbour council weighs winter ferry cuts',
    'The harbour council will vote next week on cutting the winter ferry timetable, its chair said on Monday.',
    '"We carried 41,000 passengers last winter and lost 2.3 million euros doing it," said Council Chair Ines Marlow.',
    'The ferry workers union said it would oppose any cut that costs jobs.',
  ].join('\n'),
};

// Another publisher's fact-checks: one usable review and one record nobody could use.
const FEED = {
  '@context': 'https://schema.org',
  '@graph': [
    {
      '@type': 'ClaimReview',
      url: 'https://checker.example/fact-check/lighthouse-keepers',
      claimReviewed: 'The lighthouse on Port Ellery has had no keeper since 1987.',
      datePublished: '2025-05-02',
      author: { '@type': 'Organization', name: 'Checker Example' },
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

const PAGE = { path: '/reports/ferry-accounts-2024', title: 'Ferry accounts for 2024 show a smaller loss', publisher: 'Example Ledger' };
const PAGE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${PAGE.title}</title><meta property="og:title" content="${PAGE.title}"><meta property="og:site_name" content="${PAGE.publisher}">
</head><body><article><h1>${PAGE.title}</h1>
<p>The winter crossings lost 1.9 million euros in 2024, less than the year before, the accounts show.</p>
</article></body></html>`;

/**
 * Dispatches drag event `type` at the middle of the window with what a drop of `what` carries:
 * `files` ([{ name, body }]), `uriList`, `text`. Answers whether the window took it (default
 * prevented) and the DataTransfer's types.
 */
async function drag(browser, type, what = {}) {
  return browser.execute(
    (type, files, uriList, text) => {
      const dt = new DataTransfer();
      for (const f of files) dt.items.add(new File([f.body], f.name, { type: f.type }));
      if (uriList) dt.setData('text/uri-list', uriList);
      if (text) dt.setData('text/plain', text);
      const target = document.querySelector('header.topbar') ?? document.body;
      const e = new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt, clientX: innerWidth / 2, clientY: innerHeight / 2 });
      target.dispatchEvent(e);
      return { taken: e.defaultPrevented, types: [...dt.types] };
    },
    type,
    what.files ?? [],
    what.uriList ?? '',
    what.text ?? '',
  );
}

/** A whole drop: the drag comes in, moves over the window, and is let go. */
async function drop(browser, what) {
  await drag(browser, 'dragenter', what);
  await drag(browser, 'dragover', what);
  return drag(browser, 'drop', what);
}

/** With E2E_SCREENSHOT_DIR set, saves what the X display shows now (else WebDriver's view). */
async function screenshot(browser, name) {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  try {
    execFileSync('import', ['-display', process.env.DISPLAY, '-window', 'root', file], { stdio: 'ignore', timeout: 15000 });
  } catch {
    await browser.saveScreenshot(file);
  }
}

const current = async (browser, screen) => (await (await byId(browser, `nav-${screen}`)).getAttribute('aria-current')) === 'page';

describe('drag and drop onto the window', () => {
  let server;
  let base;
  let served = 0;
  let db;

  before(async () => {
    // The page answers after a second, so the address can be seen in the form while it is fetched.
    server = createServer((req, res) => {
      if (req.url?.split('?')[0] !== PAGE.path) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
        return;
      }
      served++;
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE_HTML), 1000);
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${server.address().port}`;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  before(async () => {
    db = app.workspace(); // the fresh workspace the runner's session opened the app on
    await app.launch(db);
  });

  it('shows what can be dropped while a file is dragged over the window, and nothing once it leaves', async () => {
    const what = { files: [{ name: STORY.name, body: STORY.body, type: 'text/plain' }] };
    const entered = await drag(browser, 'dragenter', what);
    assert.ok(entered.types.includes('Files'), `the drag carries a file: ${JSON.stringify(entered.types)}`);
    assert.equal(entered.taken, true, 'the window takes the drag (the webview would open the file itself otherwise)');
    await drag(browser, 'dragover', what);
    const overlay = await byId(browser, 'drop-overlay');
    await overlay.waitForDisplayed();
    assert.match(await textOf(overlay), /Drop an article, a data file or a web address/);
    await screenshot(browser, 'drop-overlay');
    await drag(browser, 'dragleave', what);
    await waitFor(browser, 'the overlay to go', async () => (await browser.$$('[data-testid="drop-overlay"]')).length === 0);
    assert.equal(await current(browser, 'claims'), true, 'a drag that leaves changes nothing');
  });

  it('opens a dropped article file on the Import screen, titled by its headline, with its candidates', async () => {
    const r = await drop(browser, { files: [{ name: STORY.name, body: STORY.body, type: 'text/plain' }] });
    assert.equal(r.taken, true);
    await waitForText(browser, 'article-title', STORY.title, 30000);
    assert.equal(await current(browser, 'import'), true);
    await waitFor(browser, 'the candidates', async () =>
      browser.execute(() => [...document.querySelectorAll('[data-testid="candidate-text"]')].some((el) => el.textContent.includes('41,000 passengers'))),
    );
    await assertNoErrorBanner(browser);
    await screenshot(browser, 'drop-article');
    // Kept as a source with its archived text, as a file opened with the dialog is.
    const sources = JSON.parse(app.cli('--db', db, 'source', 'list', '--json'));
    const kept = sources.filter((s) => s.title === STORY.title);
    assert.equal(kept.length, 1, `the article is in the library: ${JSON.stringify(sources.map((s) => s.title))}`);
  });

  it('opens a dropped ClaimReview file in the data import preview, and imports it', async () => {
    const r = await drop(browser, { files: [{ name: 'checker-feed.json', body: JSON.stringify(FEED, null, 2), type: 'application/json' }] });
    assert.equal(r.taken, true);
    await waitForText(browser, 'data-preview-title', 'Preview of checker-feed.json', 30000);
    assert.equal(await current(browser, 'import'), true);
    assert.equal(await textOf(await byId(browser, 'count-created')), '1');
    assert.equal(await textOf(await byId(browser, 'count-skipped')), '1');
    assert.match(await textOf(await byId(browser, 'data-preview-title')), /checker-feed\.json/);
    await screenshot(browser, 'drop-data-preview');
    assert.equal(JSON.parse(app.cli('--db', db, 'claim', 'list', '--json')).length, 0, 'nothing written by the preview');
    await (await byId(browser, 'data-commit')).click();
    await waitForText(browser, 'data-result-counts', /1 created/, 30000);
    const claims = JSON.parse(app.cli('--db', db, 'claim', 'list', '--json'));
    assert.deepEqual(claims.map((c) => c.text), [FEED['@graph'][0].claimReviewed]);
    await assertNoErrorBanner(browser);
  });

  it('adds a dropped web address as a source: the address fills the form, the page is fetched and archived', async () => {
    const url = `${base}${PAGE.path}`;
    const r = await drop(browser, { uriList: `# dragged from a browser\r\n${url}`, text: url });
    assert.equal(r.taken, true);
    await waitFor(browser, 'the Sources screen', () => current(browser, 'sources'));
    // While the page is fetched (it answers after a second) the form shows the dropped address.
    await waitFor(browser, 'the address in the form', async () => (await (await byId(browser, 'source-add-url')).getValue()) === url);
    await byId(browser, 'source-add-progress');
    await screenshot(browser, 'drop-address-fetching');
    await waitForText(browser, 'source-detail-title', PAGE.title, 30000);
    assert.match(await textOf(await byId(browser, 'source-add-result')), new RegExp(`Added “${PAGE.title}”`));
    assert.equal(served, 1, 'the backend fetched the page once');
    await screenshot(browser, 'drop-address-added');
    const sources = JSON.parse(app.cli('--db', db, 'source', 'list', '--json'));
    const added = sources.find((s) => s.url === url);
    assert.ok(added, `the page is in the library: ${JSON.stringify(sources.map((s) => s.url))}`);
    assert.equal(added.publisher, PAGE.publisher);
    await assertNoErrorBanner(browser);
  });

  it('refuses a Word file in plain words and changes nothing', async () => {
    const before = JSON.parse(app.cli('--db', db, 'source', 'list', '--json')).length;
    const r = await drop(browser, { files: [{ name: 'letter.docx', body: 'PK\u0003\u0004', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }] });
    assert.equal(r.taken, true, 'the webview does not open the file either');
    await waitForText(browser, 'error-banner', /Factdesk can't open \.docx files by dropping them; drop an article \(\.txt, \.md, \.html\)/);
    assert.equal(await current(browser, 'sources'), true, 'the window stays where it was');
    await screenshot(browser, 'drop-refused');
    assert.equal(JSON.parse(app.cli('--db', db, 'source', 'list', '--json')).length, before);
  });
});

// From article to claims in the real window: paste an article (written for this test) on the Import
// screen, see its candidates ranked with speakers, one flagged as already in the demo workspace;
// accept one (it becomes a claim with the speaker as claimant, the article as its appearance and the
// exact excerpt as evidence), reject another; relaunch, open the article again from the Sources
// screen and find both decisions kept. The CLI cross-checks what the window wrote.
//
// Issue 17: first a big paste (about 1 MB, the shared real articles one after another): the import
// shows how far it is and Cancel keeps nothing; at the end, the same real articles repeated show each
// repeated sentence once with its count, and only a window of their cards is drawn.
// `E2E_SCREENSHOT_DIR=…` saves the progress and the merged candidates; `E2E_MEASURE=1` prints the
// time and the memory (PSS of the app and its WebKit processes) of a 1 MB and a 5 MB import.
//
// The steps build on each other; when one fails, the rest are skipped (see harness.mjs).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  let lastRepeated = '';
  let claimUuid;
  before(async () => {
    db = app.workspace('articles.factdesk');
    app.cli('--db', db, 'demo');
    await app.launch(db);
  });

  it('a big paste shows its progress, and Cancel stops it with nothing kept', async () => {
    await click(browser, 'nav-import');
    const big = realArticles(1 << 20, true);
    await pasteQuietly(browser, big, 'Big paste to cancel');
    // Every progress line the window shows, kept by the page (the reading can be quick).
    await browser.execute(() => {
      window.__progressSeen = [];
      new MutationObserver(() => {
        const t = document.querySelector('[data-testid="import-progress-text"]')?.textContent;
        if (t && window.__progressSeen.at(-1) !== t) window.__progressSeen.push(t);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await click(browser, 'paste-go');
    await waitFor(browser, 'a progress line with numbers', async () =>
      (await browser.execute(() => window.__progressSeen)).some((t) => /paragraph [\d,]+ of [\d,]+|[\d]+ of [\d]+ best/.test(t)),
    );
    await screenshot(browser, 'import-progress');
    await click(browser, 'import-cancel');
    await waitForText(browser, 'import-cancelled', (t) => t.includes('nothing was kept'));
    const seen = await browser.execute(() => window.__progressSeen);
    assert.ok(seen.some((t) => t.startsWith('Reading the article: paragraph')), `reading progress shown: ${JSON.stringify(seen)}`);
    assert.equal(await browser.execute(() => !!document.querySelector('[data-testid="article-title"]')), false, 'no article is shown');
    const sources = JSON.parse(app.cli('--db', db, 'source', 'list', '--json'));
    assert.ok(!sources.some((s) => s.title === 'Big paste to cancel'), 'the cancelled article was not kept');
    await assertNoErrorBanner(browser);
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
    // (The list draws the cards in view: compare with how many candidates it has.)
    const { marked, total } = await browser.execute(() => ({
      marked: [...new Set([...document.querySelectorAll('[data-testid="candidate-mark"]')].map((m) => m.getAttribute('data-index')))].sort(),
      total: Number(document.querySelector('[data-testid="candidate-list"]')?.getAttribute('data-count')),
    }));
    assert.deepEqual(marked, Array.from({ length: total }, (_, i) => String(i)).sort());
    assert.ok(cards.every((c) => marked.includes(c.index)), 'every card drawn is marked in the text');
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
    // An edit begun and then dropped with Esc is asked about first (issue 17), and nothing is made.
    await (await card.$('[data-testid="candidate-accept"]')).click();
    const wording = await card.$('[data-testid="accept-text"]');
    await wording.waitForDisplayed();
    await wording.addValue(' (edited)');
    assert.equal(await (await card.$('[data-testid="accept-form"]')).getAttribute('data-unsaved'), 'true');
    await browser.keys('Escape');
    const ask = await card.$('[data-testid="discard-confirm"]');
    await ask.waitForDisplayed();
    await screenshot(browser, 'import-discard-edit');
    await (await card.$('[data-testid="discard-confirm-discard"]')).click();
    await (await card.$('[data-testid="accept-form"]')).waitForExist({ reverse: true });
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
    // The article pane marks both decisions.
    const marks = await b.execute(() => [...document.querySelectorAll('[data-testid="candidate-mark"]')].map((m) => m.getAttribute('data-decision')));
    assert.ok(marks.includes('accepted') && marks.includes('rejected'), `marks: ${JSON.stringify([...new Set(marks)])}`);
    await assertNoErrorBanner(b);
  });

  it('a long article of repeated sentences shows each once with its count, drawing only a window of cards', async () => {
    await click(browser, 'nav-import');
    if (await browser.execute(() => !!document.querySelector('[data-testid="import-another"]'))) await click(browser, 'import-another');
    const text = realArticles(1 << 20, false);
    await pasteQuietly(browser, text, 'The shared articles, repeated');
    const t0 = Date.now();
    await click(browser, 'paste-go');
    await waitForText(browser, 'article-title', 'The shared articles, repeated');
    const took = Date.now() - t0;
    const state = await browser.execute(() => ({
      total: Number(document.querySelector('[data-testid="candidate-list"]')?.getAttribute('data-count')),
      drawn: document.querySelectorAll('[data-testid="candidate"]').length,
      counts: [...document.querySelectorAll('[data-testid="candidate-count"]')].map((e) => e.textContent),
      merged: document.querySelector('[data-testid="candidates-merged"]')?.textContent ?? '',
    }));
    assert.ok(state.total > 50, `many candidates: ${JSON.stringify(state)}`);
    assert.ok(state.drawn < 40 && state.drawn < state.total, `only a window is drawn: ${JSON.stringify(state)}`);
    assert.ok(state.counts.length > 0 && state.counts.every((c) => /^said \d+ times$/.test(c)), `counts: ${JSON.stringify(state.counts)}`);
    assert.match(state.merged, /[\d,]+ repeats merged/);
    await screenshot(browser, 'import-merged');
    // The window still answers at once: a click on the next card selects it.
    const t1 = Date.now();
    await click(browser, 'import-another');
    await (await browser.$('[data-testid="paste-text"]')).waitForDisplayed();
    const answer = Date.now() - t1;
    lastRepeated = `import shown after ${took} ms; "Import another" answered in ${answer} ms; ${JSON.stringify(state)}`;
    await assertNoErrorBanner(browser);
  });

  // Only with E2E_MEASURE: the time and memory of 1 MB (and, with E2E_MEASURE=5, 5 MB) imports.
  (process.env.E2E_MEASURE ? it : it.skip)('measures big imports: time, memory and how fast the window answers', async function () {
    this.timeout(900000);
    console.log(`1 MB repeated: ${lastRepeated}; ${memory()}`);
    for (const [label, size, vary] of [['1 MB varied', 1 << 20, true], ['5 MB varied', 5 << 20, true]].slice(0, process.env.E2E_MEASURE === '5' ? 2 : 1)) {
      await pasteQuietly(browser, realArticles(size, vary), label);
      const s = Date.now();
      await click(browser, 'paste-go');
      // While it runs, the window answers: switch to the other tab and back.
      const c = Date.now();
      await click(browser, 'import-tab-data');
      await waitFor(browser, 'the data tab selected', async () => (await browser.execute(() => document.querySelector('[data-testid="import-tab-data"]')?.getAttribute('aria-selected'))) === 'true');
      const tabMs = Date.now() - c;
      await click(browser, 'import-tab-article');
      console.log(`${label}: during the import a tab switch answered in ${tabMs} ms; progress then: ${await browser.execute(() => document.querySelector('[data-testid="import-progress-text"]')?.textContent ?? '(done)')}`);
      // What the X display shows meanwhile, every second (not through WebDriver, which may wait).
      const shots = [];
      if (process.env.E2E_SCREENSHOT_DIR && process.env.DISPLAY) {
        for (let k = 0; k < 4; k++) {
          await new Promise((r) => setTimeout(r, 1000));
          const file = join(process.env.E2E_SCREENSHOT_DIR, `x-${label.replace(/\W+/g, '-')}-${k}.png`);
          try {
            execFileSync('import', ['-display', process.env.DISPLAY, '-window', 'root', file], { stdio: 'ignore', timeout: 15000 });
            shots.push(`${Date.now() - s} ms: ${file}`);
          } catch {
            shots.push('(no screenshot)');
          }
        }
        console.log(`${label}: X screenshots ${JSON.stringify(shots)}`);
      }
      await waitFor(browser, `the article ${label}`, async () => (await browser.execute(() => document.querySelector('[data-testid="article-title"]')?.textContent ?? '')) === label, 120000);
      const ms = Date.now() - s;
      const n = await browser.execute(() => document.querySelector('[data-testid="candidate-list"]')?.getAttribute('data-count'));
      // A click on the second card selects it at once (the window is not lagging).
      const k0 = Date.now();
      await (await browser.$('[data-testid="candidate"][data-index="1"]')).click();
      await waitFor(browser, 'the second card selected', async () => (await browser.execute(() => document.querySelector('[data-testid="candidate"][data-index="1"]')?.getAttribute('aria-current'))) === 'true');
      const clickMs = Date.now() - k0;
      console.log(`${label}: import shown after ${ms} ms, ${n} candidates; a card click answered in ${clickMs} ms; ${memory()}`);
      await screenshot(browser, `import-done-${label.replace(/\W+/g, '-')}`);
      await click(browser, 'import-another');
    }
    await assertNoErrorBanner(browser);
  });
});

/**
 * The shared real articles (`../shared/fixtures/articles`) one after another until `bytes` long;
 * with `vary`, each copy's digits are shifted by the copy's number, so its numeric sentences are new.
 */
function realArticles(bytes, vary) {
  const here = dirname(fileURLToPath(import.meta.url));
  const dir = join(here, '../../../../shared/fixtures/articles');
  const base = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  const parts = [];
  let length = 0;
  for (let copy = 0; length < bytes; copy++) {
    const part = vary ? base.replace(/[0-9]/g, (d) => String((Number(d) + copy) % 10)) : base;
    parts.push(part);
    length += Buffer.byteLength(part) + 1;
  }
  return parts.join('\n');
}

/** Puts a long text in the paste form at once (typing a megabyte key by key would take hours). */
async function pasteQuietly(browser, text, title) {
  await (await browser.$('[data-testid="paste-text"]')).waitForDisplayed();
  await browser.execute(
    (t, ti) => {
      for (const [id, v] of [['paste-text', t], ['paste-title', ti]]) {
        const el = document.querySelector(`[data-testid="${id}"]`);
        el.value = v;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }
    },
    text,
    title,
  );
}

/** The app's and its WebKit processes' memory (PSS), from /proc. */
function memory() {
  const pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  const cmd = (p) => {
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      return '';
    }
  };
  const ppid = (p) => {
    try {
      return readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ')[1];
    } catch {
      return '';
    }
  };
  const appPid = pids.find((p) => /target\/debug\/factdesk( |$)/.test(cmd(p)) && !cmd(p).includes('tauri-driver'));
  if (!appPid) return 'memory: app process not found';
  // The WebKit processes are the app's children (or grandchildren, through a sandbox).
  const kids = [];
  for (let front = [appPid]; front.length; ) {
    const next = pids.filter((p) => front.includes(ppid(p)));
    kids.push(...next);
    front = next;
  }
  const pss = (p) => {
    try {
      const m = /Pss:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'));
      return m ? Number(m[1]) : 0;
    } catch {
      return 0;
    }
  };
  const parts = [[`app`, pss(appPid)], ...kids.map((k) => [cmd(k).split(' ')[0].split('/').pop(), pss(k)])];
  const total = parts.reduce((n, [, v]) => n + v, 0);
  return `memory (PSS) ${Math.round(total / 1024)} MB: ${parts.map(([n, v]) => `${n} ${Math.round(v / 1024)} MB`).join(', ')}`;
}

/**
 * With E2E_SCREENSHOT_DIR set, saves what the window shows now (to look at the UI as a person
 * would): the X display itself when it can (WebDriver's screenshot can show an older frame while
 * a command runs), else WebDriver's.
 */
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


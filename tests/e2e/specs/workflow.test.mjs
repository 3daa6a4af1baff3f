// The desk's workflow through the real window: the checker names themself in Settings; a new claim
// walks new → researching → in review → ready; Publish stays disabled and says what is missing until
// evidence, a verdict and every checklist sign-off are in, and the checks the core makes hold (a second
// publisher; the second reader is not the verdict's author, issue 17); it is published after a
// confirmation; a later verdict starts from the published one, needs a correction reason and turns
// the claim "Corrected" with a notice readers see; then a clarification (the same rating, detail
// added, issue 17) shows apart, headed "Clarification". All of it survives a relaunch and is
// cross-checked with factdesk-cli. Last, search with a status filter on the demo.
//
// The steps build on each other; when one fails, the rest are skipped (see harness.mjs).
import assert from 'node:assert/strict';
import { app } from '../harness.mjs';
import {
  assertNoErrorBanner,
  byId,
  choose,
  click,
  countNow,
  row,
  rowUuids,
  sel,
  textOf,
  typeInto,
  waitFor,
  waitForCount,
  screenshot,
  waitForText,
} from '../ui.mjs';

const CHECKER = 'Ana Reviewer';
const SECOND_READER = 'Ben Second';
const CLAIM = 'Fuel prices doubled in the first month of the new tariff.';
const SOURCE = {
  url: 'https://example.org/stats/fuel-prices-2024',
  title: 'Monthly fuel price index',
  publisher: 'Example Statistics Office',
  date: '2024-03-01',
};
const EXCERPT = 'Average pump prices rose 14% month on month.';
const SECOND_SOURCE = {
  url: 'https://news.example.net/2024/03/fuel-prices',
  title: 'Fuel up 14% in March, statistics show',
  publisher: 'Example News',
  date: '2024-03-02',
};
const VERDICT = { key: 'false', label: 'False', rationale: 'The index shows a 14% rise, not a doubling.' };
const CORRECTED = { key: 'mostly_false', label: 'Mostly false', rationale: 'Diesel rose 40%; petrol 14%. Still far from double.' };
const REASON = 'The first verdict left out the diesel figures published a week later.';
const CLARIFIED = `${CORRECTED.rationale} The index counts 1,200 stations.`;
const CLARIFY = 'Added how many stations the index counts.';

describe('workflow', () => {
  let db;
  let uuid;
  let itemUuids;
  let verdictsBefore;
  before(async () => {
    db = app.workspace(); // the fresh workspace the runner's session opened the app on
    await app.launch(db); // already open on it: waits until its claim list has loaded
  });

  it('sets the checker name in Settings; the header shows it', async () => {
    await click(browser, 'open-settings');
    await byId(browser, 'settings-view');
    await typeInto(browser, 'settings-actor', CHECKER);
    await click(browser, 'settings-actor-save');
    await waitForText(browser, 'actor-name', CHECKER);
    // The desk's checklist is listed in the editor.
    await waitFor(browser, 'the checklist editor rows', async () => (await countNow(browser, 'checklist-editor-item')) === 3);
    // Each item says what Factdesk checks for it: the defaults' words come with their checks.
    const rules = await browser.execute((s) => Array.from(document.querySelectorAll(s), (el) => el.value), sel('checklist-editor-rule'));
    assert.deepEqual(rules, ['none', 'min_publishers', 'second_reader']);
    await browser.execute((s) => document.querySelector(s)?.scrollIntoView({ block: 'center' }), sel('checklist-editor'));
    await screenshot(browser, 'workflow-settings-checklist');
    await click(browser, 'settings-close');
    await waitFor(browser, 'settings to close', async () => (await countNow(browser, 'settings-view')) === 0);
    assert.match(app.cli('--db', db, 'info'), new RegExp(CHECKER));
  });

  it('creates a claim: it starts as New, and can only be created as new or researching', async () => {
    await click(browser, 'new-claim');
    await byId(browser, 'claim-form');
    const options = await browser.execute(
      (s) => Array.from(document.querySelectorAll(`${s} option`), (o) => o.value),
      sel('claim-status'),
    );
    assert.deepEqual(options, ['new', 'researching']);
    await typeInto(browser, 'claim-text', CLAIM);
    await typeInto(browser, 'claim-claimant', 'Sam Minister');
    await click(browser, 'claim-save');
    await waitForText(browser, 'detail-text', CLAIM);
    await waitForText(browser, 'detail-status', 'New');
    const uuids = await rowUuids(browser);
    assert.equal(uuids.length, 1);
    uuid = uuids[0];
  });

  it('walks new → researching → in review → ready with the status buttons', async () => {
    for (const [to, label] of [
      ['researching', 'Researching'],
      ['in_review', 'In review'],
      ['ready', 'Ready'],
    ]) {
      await click(browser, `status-action-${to}`);
      await waitForText(browser, 'detail-status', label);
      await waitFor(browser, `the list row to say ${label}`, async () => (await textOf(await row(browser, uuid))).includes(label));
    }
    const moves = await browser.execute(
      (s) => Array.from(document.querySelectorAll(`${s} button`), (b) => b.getAttribute('data-status')),
      sel('status-actions'),
    );
    assert.deepEqual([...moves].sort(), ['archived', 'in_review', 'published', 'researching']);
    await assertNoErrorBanner(browser);
  });

  it('Publish is disabled and lists what is missing', async () => {
    const publish = await byId(browser, 'status-action-published');
    assert.equal(await publish.isEnabled(), false, 'Publish is disabled');
    const blockers = await textOf(await byId(browser, 'publish-blockers'));
    assert.match(blockers, /a verdict/);
    assert.match(blockers, /evidence/);
    assert.match(blockers, /Claimant contacted for comment/);
    assert.match(blockers, /Second reader signed off/);
    await screenshot(browser, 'workflow-ready-blocked');
  });

  it('adds evidence from a new source and a verdict: only the checklist is missing now', async () => {
    await click(browser, 'add-evidence');
    await byId(browser, 'evidence-form');
    assert.equal(await countNow(browser, 'correction-reason'), 0, 'no correction reason before publishing');
    await typeInto(browser, 'source-url', SOURCE.url);
    await typeInto(browser, 'source-title', SOURCE.title);
    await typeInto(browser, 'source-publisher', SOURCE.publisher);
    await typeInto(browser, 'source-date', SOURCE.date);
    await typeInto(browser, 'evidence-excerpt', EXCERPT);
    await choose(browser, 'evidence-stance', 'refutes');
    await click(browser, 'evidence-save');
    await waitForCount(browser, 'evidence-item', 1);

    await choose(browser, 'verdict-rating', VERDICT.key);
    await typeInto(browser, 'verdict-rationale', VERDICT.rationale);
    await click(browser, 'verdict-save');
    await waitForText(browser, 'current-verdict-label', VERDICT.label);

    // What is left is the checklist (one item also fails its check: one publisher so far).
    await waitForText(
      browser,
      'publish-blockers',
      (t) => !t.split('\n').some((l) => l.trim() === 'a verdict' || l.includes('at least one evidence link')) && /checklist/.test(t),
    );
    assert.equal(await (await byId(browser, 'status-action-published')).isEnabled(), false);
    await assertNoErrorBanner(browser);
  });

  /** Signs off the item `item` as whoever the checker is now, and waits for it. */
  async function signOff(item, who) {
    const itemSel = `${sel('checklist-item')}[data-item-uuid="${item}"]`;
    const box = await browser.$(`${itemSel} ${sel('checklist-toggle')}`);
    await box.waitForClickable({ timeout: 15000 });
    await box.click();
    await waitFor(browser, `item ${item} signed off`, async () => (await (await browser.$(itemSel)).getAttribute('data-done')) === 'true');
    const signed = await textOf(await browser.$(`${itemSel} ${sel('checklist-signed-by')}`));
    assert.match(signed, new RegExp(`signed off by ${who}`));
  }

  async function setChecker(name) {
    await click(browser, 'open-settings');
    await byId(browser, 'settings-view');
    await typeInto(browser, 'settings-actor', name);
    await click(browser, 'settings-actor-save');
    await waitForText(browser, 'actor-name', name);
    await click(browser, 'settings-close');
    await waitFor(browser, 'settings to close', async () => (await countNow(browser, 'settings-view')) === 0);
    await (await row(browser, uuid)).click();
    await waitForText(browser, 'detail-text', CLAIM);
  }

  it('the checks the core makes refuse a sign-off with one publisher, and say so beside Publish', async () => {
    itemUuids = await browser.execute(
      (s) => Array.from(document.querySelectorAll(s), (el) => el.getAttribute('data-item-uuid')),
      sel('checklist-item'),
    );
    assert.equal(itemUuids.length, 3);
    const second = `${sel('checklist-item')}[data-item-uuid="${itemUuids[1]}"]`;
    assert.match(await textOf(await browser.$(`${second} ${sel('checklist-rule')}`)), /at least 2 different publishers/);
    assert.match(await textOf(await browser.$(`${second} ${sel('checklist-problem')}`)), /only 1 publisher \(Example Statistics Office\)/);
    assert.match(await textOf(await byId(browser, 'publish-blockers')), /only 1 publisher/);
    await (await browser.$(`${second} ${sel('checklist-toggle')}`)).click();
    await waitForText(browser, 'checklist', (t) => /cannot be signed off yet: the evidence comes from only 1 publisher/.test(t));
    assert.equal(await (await browser.$(second)).getAttribute('data-done'), 'false');
    // The top of the claim: Publish, the checklist and what fails, together.
    await browser.execute((s) => {
      for (let el = document.querySelector(s); el; el = el.parentElement) el.scrollTop = 0;
    }, sel('claim-detail'));
    await browser.pause(400);
    await screenshot(browser, 'workflow-gate-failing');
    await assertNoErrorBanner(browser);
  });

  it('with a second publisher the checklist is signed off; the verdict\'s author cannot be the second reader, someone else can', async () => {
    await click(browser, 'add-evidence');
    await byId(browser, 'evidence-form');
    await typeInto(browser, 'source-url', SECOND_SOURCE.url);
    await typeInto(browser, 'source-title', SECOND_SOURCE.title);
    await typeInto(browser, 'source-publisher', SECOND_SOURCE.publisher);
    await typeInto(browser, 'source-date', SECOND_SOURCE.date);
    await typeInto(browser, 'evidence-excerpt', EXCERPT);
    await choose(browser, 'evidence-stance', 'refutes');
    await click(browser, 'evidence-save');
    await waitForCount(browser, 'evidence-item', 2);
    await waitFor(browser, 'the publisher check to pass', async () => (await countNow(browser, 'checklist-problem')) === 0);
    await signOff(itemUuids[0], CHECKER);
    await signOff(itemUuids[1], CHECKER);
    // The verdict is Ana's: her sign-off as second reader is refused, in words.
    const third = `${sel('checklist-item')}[data-item-uuid="${itemUuids[2]}"]`;
    await (await browser.$(`${third} ${sel('checklist-toggle')}`)).click();
    await waitForText(browser, 'checklist', (t) => new RegExp(`${CHECKER} wrote the current verdict, so cannot be its second reader`).test(t));
    assert.equal(await (await browser.$(third)).getAttribute('data-done'), 'false');
    assert.equal(await (await byId(browser, 'status-action-published')).isEnabled(), false);
    // Ben, who did not write it, signs it off.
    await setChecker(SECOND_READER);
    await signOff(itemUuids[2], SECOND_READER);
    await setChecker(CHECKER);
    await waitFor(browser, 'the blockers to go', async () => (await countNow(browser, 'publish-blockers')) === 0);
    await waitFor(browser, 'Publish to be enabled', async () => (await byId(browser, 'status-action-published')).isEnabled());
  });

  it('publishes after a confirmation: status Published, the checklist is closed, only Archive is left', async () => {
    await click(browser, 'status-action-published');
    assert.match(await textOf(await byId(browser, 'publish-confirm')), /Publish this claim\? It becomes public in exports and ClaimReview\./);
    await click(browser, 'publish-confirm-cancel');
    await waitFor(browser, 'the question to close', async () => (await countNow(browser, 'publish-confirm')) === 0);
    assert.equal(await textOf(await byId(browser, 'detail-status')), 'Ready', 'Cancel publishes nothing');
    await click(browser, 'status-action-published');
    await click(browser, 'publish-confirm-yes');
    await waitForText(browser, 'detail-status', 'Published');
    const state = await browser.execute(
      (a, t) => ({
        moves: Array.from(document.querySelectorAll(`${a} button`), (b) => b.getAttribute('data-status')),
        toggles: Array.from(document.querySelectorAll(t), (b) => b.disabled),
      }),
      sel('status-actions'),
      sel('checklist-toggle'),
    );
    assert.deepEqual(state.moves, ['archived']);
    assert.deepEqual(state.toggles, [true, true, true]);
    await waitFor(browser, 'the list row to say Published', async () => (await textOf(await row(browser, uuid))).includes('Published'));
    await assertNoErrorBanner(browser);
  });

  it('a new verdict without a reason is refused with the correction_reason error; nothing changes', async () => {
    verdictsBefore = await countNow(browser, 'verdict-history-item');
    await byId(browser, 'correction-reason');
    // The correction starts from the published verdict (issue 17), correction chosen.
    assert.equal(await (await byId(browser, 'verdict-rating')).getValue(), VERDICT.key);
    assert.equal(await (await byId(browser, 'verdict-rationale')).getValue(), VERDICT.rationale);
    assert.equal(await (await byId(browser, 'correction-kind-correction')).isSelected(), true);
    await choose(browser, 'verdict-rating', CORRECTED.key);
    // Another rating is never a clarification.
    assert.equal(await (await byId(browser, 'correction-kind-clarification')).isEnabled(), false);
    await typeInto(browser, 'verdict-rationale', CORRECTED.rationale);
    await click(browser, 'verdict-save');
    const err = await byId(browser, 'field-error-correction_reason');
    await err.waitForDisplayed();
    assert.match(await textOf(err), /correction/);
    assert.equal(await textOf(await byId(browser, 'detail-status')), 'Published');
    assert.equal(await countNow(browser, 'verdict-history-item'), verdictsBefore);
    assert.equal(await countNow(browser, 'correction-notice'), 0);
    const c = JSON.parse(app.cli('--db', db, 'claim', 'show', uuid));
    assert.equal(c.status, 'published');
    assert.equal(c.corrections.length, 0);
    assert.equal(c.verdict.rating.key, VERDICT.key);
  });

  it('with a reason: status Corrected and a correction notice with the reason', async () => {
    await typeInto(browser, 'correction-reason', REASON);
    await click(browser, 'verdict-save');
    await waitForText(browser, 'detail-status', 'Corrected');
    await waitForText(browser, 'current-verdict-label', CORRECTED.label);
    await waitForCount(browser, 'correction-item', 1);
    const notice = await textOf(await byId(browser, 'correction-notice'));
    assert.match(notice, new RegExp(escapeRe(REASON)));
    assert.match(notice, /Verdict corrected/);
    assert.match(notice, new RegExp(CHECKER));
    await waitFor(browser, 'the list row to say Corrected', async () => (await textOf(await row(browser, uuid))).includes('Corrected'));
    await assertNoErrorBanner(browser);
    await screenshot(browser, 'workflow-corrected');
    await browser.execute((s) => document.querySelector(s)?.scrollIntoView({ block: 'center' }), sel('checklist'));
    await screenshot(browser, 'workflow-corrected-checklist');
  });

  it('a clarification keeps the rating and shows apart, headed Clarification, not as a correction', async () => {
    // The form starts again from the (corrected) current verdict.
    await waitFor(browser, 'the form to start from the current verdict', async () => (await (await byId(browser, 'verdict-rationale')).getValue()) === CORRECTED.rationale);
    assert.equal(await (await byId(browser, 'verdict-rating')).getValue(), CORRECTED.key);
    await click(browser, 'correction-kind-clarification');
    await typeInto(browser, 'verdict-rationale', CLARIFIED);
    await typeInto(browser, 'correction-reason', CLARIFY);
    await waitForText(browser, 'verdict-save', 'Record clarification');
    await browser.execute((s) => document.querySelector(s)?.scrollIntoView({ block: 'center' }), sel('verdict-form'));
    await screenshot(browser, 'workflow-clarification-form');
    await click(browser, 'verdict-save');
    await waitForCount(browser, 'clarification-item', 1);
    const notice = await textOf(await byId(browser, 'clarification-notice'));
    assert.match(notice, /^Clarification\n/i); // h3s are set in capitals
    assert.match(notice, new RegExp(escapeRe(CLARIFY)));
    assert.match(notice, /Verdict clarified/);
    // The correction box still holds the one correction, and only it.
    assert.equal(await countNow(browser, 'correction-item'), 1);
    assert.doesNotMatch(await textOf(await byId(browser, 'correction-notice')), new RegExp(escapeRe(CLARIFY)));
    await waitForText(browser, 'current-verdict-label', CORRECTED.label);
    await waitFor(browser, 'the audit trail to record the clarification', async () =>
      (await browser.execute((s) => Array.from(document.querySelectorAll(s), (e) => e.innerText).join('\n'), sel('history-item'))).includes(`Clarification of the verdict: ${CLARIFY}`),
    );
    await assertNoErrorBanner(browser);
    await browser.execute(() => document.querySelector('.pane')?.scrollTo(0, 0));
    await screenshot(browser, 'workflow-clarified');
  });

  it('after quitting and relaunching, the notice, the status and the sign-offs are still there', async () => {
    await app.quit();
    const b = await app.launch(db);
    await waitForText(b, 'actor-name', CHECKER);
    await (await row(b, uuid)).click();
    await waitForText(b, 'detail-text', CLAIM);
    await waitForText(b, 'detail-status', 'Corrected');
    assert.match(await textOf(await byId(b, 'correction-notice')), new RegExp(escapeRe(REASON)));
    const clarified = await textOf(await byId(b, 'clarification-notice'));
    assert.match(clarified, /^Clarification\n/i);
    assert.match(clarified, new RegExp(escapeRe(CLARIFY)));
    const items = await b.execute(
      (s, sb) =>
        Array.from(document.querySelectorAll(s), (el) => ({
          uuid: el.getAttribute('data-item-uuid'),
          done: el.getAttribute('data-done'),
          signed: el.querySelector(sb)?.innerText ?? '',
        })),
      sel('checklist-item'),
      sel('checklist-signed-by'),
    );
    assert.deepEqual(items.map((i) => i.uuid), itemUuids);
    for (const [n, i] of items.entries()) {
      assert.equal(i.done, 'true');
      assert.match(i.signed, new RegExp(n === 2 ? SECOND_READER : CHECKER));
    }
    await assertNoErrorBanner(b);
  });

  it('the database holds the same (factdesk-cli claim show)', async () => {
    const c = JSON.parse(app.cli('--db', db, 'claim', 'show', uuid));
    assert.equal(c.status, 'corrected');
    // Newest first: the clarification, then the correction.
    assert.deepEqual(c.corrections.map((k) => [k.kind, k.reason]), [['clarification', CLARIFY], ['correction', REASON]]);
    assert.equal(c.corrections[1].what, 'verdict');
    assert.equal(c.corrections[1].actor, CHECKER);
    assert.equal(c.checklist.length, 3);
    assert.deepEqual(c.checklist.map((k) => k.done_by), [CHECKER, CHECKER, SECOND_READER]);
    assert.equal(c.verdict.rating.key, CORRECTED.key);
    assert.equal(c.verdict.rationale, CLARIFIED);
    assert.equal(c.verdicts.length, 3);
    assert.equal(c.evidence.length, 2);
    assert.deepEqual(c.next_statuses, ['archived']);
  });

  it('demo workspace: status filter Published + search text shows only the matching published claim', async () => {
    await app.quit();
    const demoDb = app.workspace('demo.factdesk');
    app.cli('--db', demoDb, 'demo');
    const demo = JSON.parse(app.cli('--db', demoDb, 'claim', 'list', '--json'));
    const published = demo.filter((c) => c.status === 'published' && /ukraine/i.test(c.text));
    assert.equal(published.length, 1, 'the demo has one published claim mentioning Ukraine');
    assert.ok(demo.filter((c) => /ukraine/i.test(c.text)).length > 1, 'and others mentioning Ukraine');
    const b = await app.launch(demoDb);
    await waitForText(b, 'claim-count', `${demo.length} claims`);
    await typeInto(b, 'claim-search', 'ukraine');
    await waitFor(b, 'several claims matching "ukraine"', async () => (await rowUuids(b)).length > 1);
    await choose(b, 'status-filter', 'published');
    await waitFor(b, 'only the published claim', async () => {
      const shown = await rowUuids(b);
      return shown.length === 1 && shown[0] === published[0].uuid;
    });
    await waitForText(b, 'claim-count', '1 claim');
    assert.match(await textOf(await row(b, published[0].uuid)), /Published/);
    await assertNoErrorBanner(b);
  });
});


function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

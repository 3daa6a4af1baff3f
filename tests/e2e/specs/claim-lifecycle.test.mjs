// One claim's life through the real window, in order: create → a validation error → edit →
// evidence from a new source (and an invalid address) → a verdict → a second verdict that supersedes
// it → quit and relaunch on the same workspace file: everything is still there. Then the database
// is checked with factdesk-cli, independently of the UI.
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
  waitForText,
} from '../ui.mjs';

const CLAIM = {
  text: 'Ukraine received only a fifth of the aid it was promised in 2023.',
  claimant: 'Jane Example',
  role: 'Opposition MP',
  saidOn: '2024-02-27',
  // Typed day first, as most of the world writes it: read back in words, saved as YYYY-MM-DD.
  saidOnTyped: '27/02/2024',
  saidOnWords: '27 February 2024',
  saidWhere: 'Radio interview',
  status: 'researching',
  statusLabel: 'Researching',
  tags: 'ukraine, aid',
};
const EDITED = {
  text: 'Ukraine received only a fifth of the military aid it was promised in 2023.',
  status: 'in_review',
  statusLabel: 'In review',
};
const SOURCE = {
  url: 'https://example.org/reports/ukraine-aid-2023',
  title: 'Ukraine aid tracker: pledges and deliveries in 2023',
  publisher: 'Example Institute',
  date: '2024-02-16',
};
const EVIDENCE = {
  excerpt: 'Of the aid pledged in 2023, well over half had been delivered by the end of the year.',
  stance: 'refutes',
  note: 'Delivery rate far above one fifth.',
};
const VERDICT1 = { key: 'mostly_false', label: 'Mostly false', rationale: 'Deliveries were well above a fifth of pledges.' };
const VERDICT2 = { key: 'false', label: 'False', rationale: 'The tracker shows more than half delivered; the figure is wrong.' };

describe('claim lifecycle', () => {
  let db;
  let uuid; // the claim this story is about
  let historyBeforeEdit;
  before(async () => {
    db = app.workspace(); // the fresh workspace the runner's session opened the app on
    await app.launch(db); // already open on it: waits until its claim list has loaded
  });

  it('starts on an empty workspace', async () => {
    await waitForText(browser, 'claim-count', '0 claims');
    assert.equal((await rowUuids(browser)).length, 0);
    assert.deepEqual(JSON.parse(app.cli('--db', db, 'claim', 'list', '--json')), []);
  });

  it('creates a claim: it appears selected in the list and in the detail', async () => {
    await click(browser, 'new-claim');
    await byId(browser, 'claim-form');
    await typeInto(browser, 'claim-text', CLAIM.text);
    await typeInto(browser, 'claim-claimant', CLAIM.claimant);
    await typeInto(browser, 'claim-claimant-role', CLAIM.role);
    await typeInto(browser, 'claim-said-on', CLAIM.saidOnTyped);
    assert.equal(await textOf(await byId(browser, 'claim-said-on-words')), CLAIM.saidOnWords);
    await typeInto(browser, 'claim-said-where', CLAIM.saidWhere);
    await choose(browser, 'claim-status', CLAIM.status);
    await typeInto(browser, 'claim-tags', CLAIM.tags);
    await click(browser, 'claim-save');

    await waitForText(browser, 'detail-text', CLAIM.text);
    assert.equal(await countNow(browser, 'claim-form'), 0, 'the form closes after saving');
    assert.match(await textOf(await byId(browser, 'detail-claimant')), new RegExp(`^${CLAIM.claimant}, ${CLAIM.role}`));
    assert.equal(await textOf(await byId(browser, 'detail-said-on')), CLAIM.saidOn);
    assert.equal(await textOf(await byId(browser, 'detail-status')), CLAIM.statusLabel);
    const tags = await textOf(await byId(browser, 'detail-tags'));
    assert.match(tags, /ukraine/);
    assert.match(tags, /aid/);

    // In the list, and it is the selected row.
    await waitForText(browser, 'claim-count', '1 claim');
    const uuids = await rowUuids(browser);
    assert.equal(uuids.length, 1);
    uuid = uuids[0];
    const r = await row(browser, uuid);
    assert.equal(await r.getAttribute('aria-selected'), 'true', 'the new claim is selected in the list');
    assert.match(await textOf(r), new RegExp(escapeRe(CLAIM.text)));

    // The database has it.
    const listed = JSON.parse(app.cli('--db', db, 'claim', 'list', '--json'));
    assert.equal(listed.length, 1);
    assert.equal(listed[0].uuid, uuid);
    assert.equal(listed[0].text, CLAIM.text);
    assert.equal(listed[0].status, CLAIM.status);
    assert.equal(listed[0].said_on, CLAIM.saidOn);
    await assertNoErrorBanner(browser);
  });

  it('saving a claim with empty text shows field-error-text and creates nothing', async () => {
    await click(browser, 'new-claim');
    await byId(browser, 'claim-form');
    await typeInto(browser, 'claim-text', '');
    await typeInto(browser, 'claim-claimant', 'Nobody In Particular');
    await click(browser, 'claim-save');

    const err = await byId(browser, 'field-error-text');
    await err.waitForDisplayed();
    assert.notEqual(await textOf(err), '', 'the field error says something');
    assert.equal(await countNow(browser, 'claim-form'), 1, 'the form stays open');
    assert.equal(await (await byId(browser, 'claim-text')).getAttribute('aria-invalid'), 'true');
    assert.equal(await countNow(browser, 'form-error'), 0, 'the error is placed on the field, not the form');

    assert.equal(JSON.parse(app.cli('--db', db, 'claim', 'list', '--json')).length, 1, 'no claim was created');
    await click(browser, 'claim-cancel');
    await waitFor(browser, 'the form to close', async () => (await countNow(browser, 'claim-form')) === 0);
    await waitForText(browser, 'claim-count', '1 claim');
    assert.deepEqual(await rowUuids(browser), [uuid]);
  });

  it('edits the claim: the detail shows the new text and status, and the history both changes', async () => {
    // Back on the claim (cancelling "new" shows the selected claim again; clicking its row is harmless).
    await (await row(browser, uuid)).click();
    await waitForText(browser, 'detail-text', CLAIM.text);
    historyBeforeEdit = await countNow(browser, 'history-item');
    assert.ok(historyBeforeEdit >= 1, 'creating the claim is in its history');

    await click(browser, 'edit-claim');
    await byId(browser, 'claim-form');
    // The form opens with the claim's current values.
    assert.equal(await (await byId(browser, 'claim-text')).getValue(), CLAIM.text);
    assert.equal(await (await byId(browser, 'claim-status')).getValue(), CLAIM.status);
    await typeInto(browser, 'claim-text', EDITED.text);
    await choose(browser, 'claim-status', EDITED.status);
    await click(browser, 'claim-save');

    await waitForText(browser, 'detail-text', EDITED.text);
    await waitForText(browser, 'detail-status', EDITED.statusLabel);
    // One change, two history rows: the status move and the edit of the wording.
    await waitForCount(browser, 'history-item', historyBeforeEdit + 2);
    const history = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="history-item"]')].map((e) => e.textContent ?? ''),
    );
    assert.match(history[0], /Edited wording/);
    assert.match(history[1], /Status researching → in review/);
    // Unchanged fields stay as they were.
    assert.equal(await textOf(await byId(browser, 'detail-said-on')), CLAIM.saidOn);
    assert.match(await textOf(await byId(browser, 'detail-claimant')), new RegExp(CLAIM.claimant));
    // The list row follows.
    await waitFor(browser, 'the list row to show the edited text', async () =>
      (await textOf(await row(browser, uuid))).includes(EDITED.text),
    );
    await assertNoErrorBanner(browser);
  });

  it('an invalid source address shows field-error-url and adds nothing', async () => {
    await click(browser, 'add-evidence');
    await byId(browser, 'evidence-form');
    await byId(browser, 'source-search'); // the library search is offered too
    await typeInto(browser, 'source-url', 'not a url');
    await typeInto(browser, 'source-title', SOURCE.title);
    await typeInto(browser, 'source-publisher', SOURCE.publisher);
    await typeInto(browser, 'source-date', SOURCE.date);
    await typeInto(browser, 'evidence-excerpt', EVIDENCE.excerpt);
    await choose(browser, 'evidence-stance', EVIDENCE.stance);
    await typeInto(browser, 'evidence-note', EVIDENCE.note);
    await click(browser, 'evidence-save');

    const err = await byId(browser, 'field-error-url');
    await err.waitForDisplayed();
    assert.notEqual(await textOf(err), '');
    assert.equal(await countNow(browser, 'evidence-form'), 1, 'the evidence form stays open');
    assert.equal(await countNow(browser, 'evidence-item'), 0, 'no evidence was added');
  });

  it('links a new source as evidence: the item shows its title and stance', async () => {
    // Same form, the address corrected; everything else as typed.
    await typeInto(browser, 'source-url', SOURCE.url);
    assert.equal(await (await byId(browser, 'evidence-stance')).getValue(), EVIDENCE.stance);
    await click(browser, 'evidence-save');

    await waitForCount(browser, 'evidence-item', 1);
    await waitFor(browser, 'the evidence form to close', async () => (await countNow(browser, 'evidence-form')) === 0);
    const item = await byId(browser, 'evidence-item');
    assert.equal(await textOf(await byId(browser, 'evidence-source-title', { root: item })), SOURCE.title);
    assert.equal(await textOf(await byId(browser, 'evidence-stance-badge', { root: item })), EVIDENCE.stance);
    const itemText = await textOf(item);
    assert.match(itemText, new RegExp(escapeRe(EVIDENCE.excerpt)));
    assert.match(itemText, new RegExp(escapeRe(EVIDENCE.note)));
    assert.match(itemText, new RegExp(escapeRe(SOURCE.publisher)));

    const shown = JSON.parse(app.cli('--db', db, 'claim', 'show', uuid));
    assert.equal(shown.evidence.length, 1);
    assert.equal(shown.evidence[0].source.url, SOURCE.url);
    await assertNoErrorBanner(browser);
  });

  it('records a verdict: the current verdict is "Mostly false"', async () => {
    await byId(browser, 'verdict-form');
    await choose(browser, 'verdict-rating', VERDICT1.key);
    await typeInto(browser, 'verdict-rationale', VERDICT1.rationale);
    await click(browser, 'verdict-save');

    await waitForText(browser, 'current-verdict-label', VERDICT1.label);
    assert.match(await textOf(await byId(browser, 'current-verdict')), new RegExp(escapeRe(VERDICT1.rationale)));
    await waitForCount(browser, 'verdict-history-item', 1);
    assert.equal(await (await byId(browser, 'verdict-history-item')).getAttribute('data-superseded'), 'false');
    // The form is ready for the next verdict.
    assert.equal(await (await byId(browser, 'verdict-rating')).getValue(), '');
    assert.equal(await (await byId(browser, 'verdict-rationale')).getValue(), '');
  });

  it('a second verdict supersedes the first: current "False", two in the history', async () => {
    await choose(browser, 'verdict-rating', VERDICT2.key);
    await typeInto(browser, 'verdict-rationale', VERDICT2.rationale);
    await click(browser, 'verdict-save');

    await waitForText(browser, 'current-verdict-label', VERDICT2.label);
    await waitForCount(browser, 'verdict-history-item', 2);
    await assertVerdictHistory(browser);
    await assertNoErrorBanner(browser);
  });

  it('after quitting and relaunching on the same file, everything is still there', async () => {
    await app.quit();
    const b = await app.launch(db);

    await waitFor(b, 'the claim in the list', async () => (await rowUuids(b)).includes(uuid));
    await waitForText(b, 'claim-count', '1 claim');
    await (await row(b, uuid)).click();

    await waitForText(b, 'detail-text', EDITED.text);
    assert.equal(await textOf(await byId(b, 'detail-status')), EDITED.statusLabel);
    assert.equal(await textOf(await byId(b, 'detail-said-on')), CLAIM.saidOn);
    await waitForCount(b, 'evidence-item', 1);
    assert.equal(await textOf(await byId(b, 'evidence-source-title')), SOURCE.title);
    assert.equal(await textOf(await byId(b, 'evidence-stance-badge')), EVIDENCE.stance);
    await waitForText(b, 'current-verdict-label', VERDICT2.label);
    await waitForCount(b, 'verdict-history-item', 2);
    await assertVerdictHistory(b);
    assert.equal(await countNow(b, 'history-item'), historyBeforeEdit + 5, 'the status move, the edit, the evidence and two verdicts are in the history');
    await assertNoErrorBanner(b);
  });

  it('the database holds the same (factdesk-cli claim show)', async () => {
    const c = JSON.parse(app.cli('--db', db, 'claim', 'show', uuid));
    assert.equal(c.uuid, uuid);
    assert.equal(c.text, EDITED.text);
    assert.equal(c.status, EDITED.status);
    assert.equal(c.said_on, CLAIM.saidOn);
    assert.equal(c.said_where, CLAIM.saidWhere);
    assert.equal(c.claimant?.name, CLAIM.claimant);
    assert.equal(c.claimant?.role, CLAIM.role);
    assert.deepEqual([...c.tags].sort(), ['aid', 'ukraine']);

    assert.equal(c.evidence.length, 1);
    const ev = c.evidence[0];
    assert.equal(ev.stance, EVIDENCE.stance);
    assert.equal(ev.excerpt, EVIDENCE.excerpt);
    assert.equal(ev.note, EVIDENCE.note);
    assert.equal(ev.source.url, SOURCE.url);
    assert.equal(ev.source.title, SOURCE.title);
    assert.equal(ev.source.publisher, SOURCE.publisher);
    assert.equal(ev.source.published_on, SOURCE.date);

    assert.equal(c.verdict?.rating?.key, VERDICT2.key);
    assert.equal(c.verdict?.rationale, VERDICT2.rationale);
    assert.equal(c.verdicts.length, 2);
    assert.equal(c.verdicts[0].rating.key, VERDICT2.key, 'newest first');
    assert.equal(c.verdicts[0].superseded_at, null);
    assert.equal(c.verdicts[1].rating.key, VERDICT1.key);
    assert.notEqual(c.verdicts[1].superseded_at, null, 'the first verdict is superseded');
    assert.equal(c.history.length, historyBeforeEdit + 5, 'status move, edit, evidence and two verdicts');

    const listed = JSON.parse(app.cli('--db', db, 'claim', 'list', '--json'));
    assert.equal(listed.length, 1, 'the failed attempts created nothing');
    assert.equal(listed[0].rating?.key, VERDICT2.key);
    assert.equal(listed[0].evidence_count, 1);
  });
});

/** Two verdicts, newest first: "False" current, "Mostly false" superseded. */
async function assertVerdictHistory(browser) {
  const items = await browser.execute(
    (s) =>
      Array.from(document.querySelectorAll(s), (el) => ({
        superseded: el.getAttribute('data-superseded'),
        text: el.innerText,
      })),
    sel('verdict-history-item'),
  );
  assert.equal(items.length, 2);
  assert.equal(items[0].superseded, 'false', 'the newest verdict is current');
  assert.match(items[0].text, new RegExp(`^${VERDICT2.label}\\b`));
  assert.match(items[0].text, new RegExp(escapeRe(VERDICT2.rationale)));
  assert.equal(items[1].superseded, 'true', 'the older verdict is superseded');
  assert.match(items[1].text, new RegExp(`^${VERDICT1.label}\\b`));
  assert.match(items[1].text, new RegExp(escapeRe(VERDICT1.rationale)));
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

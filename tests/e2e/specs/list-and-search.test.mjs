// The claim list on a seeded demo workspace: all five demo claims, search narrows, clearing restores.
import assert from 'node:assert/strict';
import { app } from '../harness.mjs';
import { assertNoErrorBanner, byId, rowUuids, textOf, typeInto, waitFor, waitForText } from '../ui.mjs';

describe('list and search', () => {
  let demo; // the claims as the CLI sees them in the seeded file
  before(async () => {
    const db = app.workspace('demo.factdesk');
    app.cli('--db', db, 'demo');
    demo = JSON.parse(app.cli('--db', db, 'claim', 'list', '--json'));
    await app.launch(db);
  });

  it('the list shows the five demo claims', async () => {
    assert.equal(demo.length, 5, 'factdesk-cli demo should seed 5 claims');
    const expected = demo.map((c) => c.uuid).sort();
    await waitFor(browser, 'the 5 demo claims in the list', async () => {
      const shown = await rowUuids(browser);
      return shown.length === 5 && [...shown].sort().join() === expected.join();
    });
    await waitForText(browser, 'claim-count', '5 claims');
    // The window is on the workspace we asked for.
    const ws = await byId(browser, 'workspace-path');
    assert.equal(await ws.getAttribute('title'), app.workspace('demo.factdesk'));
    assert.equal(await textOf(ws), 'demo.factdesk');
    // Each row shows its claim's text.
    for (const c of demo) {
      const row = await browser.$(`[data-testid="claim-row"][data-uuid="${c.uuid}"]`);
      assert.match(await textOf(row), new RegExp(escapeRe(c.text)));
    }
    await assertNoErrorBanner(browser);
  });

  it('typing "billion" narrows the list to the $60 billion claim', async () => {
    const billion = demo.filter((c) => /billion/i.test(c.text));
    assert.equal(billion.length, 1, 'exactly one demo claim mentions "billion"');
    assert.match(billion[0].text, /\$60 billion/);
    await typeInto(browser, 'claim-search', 'billion');
    await waitFor(browser, 'only the $60 billion claim in the list', async () => {
      const shown = await rowUuids(browser);
      return shown.length === 1 && shown[0] === billion[0].uuid;
    });
    await waitForText(browser, 'claim-count', '1 claim');
    const row = await browser.$('[data-testid="claim-row"]');
    assert.match(await textOf(row), /\$60 billion aid package/);
  });

  it('clearing the search shows all five again', async () => {
    await typeInto(browser, 'claim-search', '');
    await waitFor(browser, 'all 5 claims back in the list', async () => (await rowUuids(browser)).length === 5);
    await waitForText(browser, 'claim-count', '5 claims');
    await assertNoErrorBanner(browser);
  });
});

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

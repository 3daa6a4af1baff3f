// Nothing saved is lost (issue 11). The real GTK save dialog is shown on the folder that holds the
// workspace and cancelled: GTK opens and closes the files it lists, which drops every POSIX lock
// the app's SQLite held on the workspace. A command is then run against the open workspace (it
// used to find "no other connection", checkpoint and delete the -wal file the app goes on writing
// into). Then edits in the window, a restart, and every edit must be there.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { app } from '../harness.mjs';
import { assertNoErrorBanner, byId, click, typeInto, waitFor, waitForText } from '../ui.mjs';

const BEFORE = 'Saved in the window before the save dialog was opened and cancelled.';
const AFTER = 'Saved in the window after a command had read the open workspace.';
const BY_COMMAND = 'Added by factdesk-cli while the window had the workspace open.';

describe('nothing lost', () => {
  let db;
  before(async () => {
    // In the harness's folder, which is the app's working folder: where GTK's save dialog opens.
    db = app.workspace('desk.factdesk');
    app.cli('--db', db, 'demo');
    await app.launch(db);
  });

  const xdotool = (...args) => execFileSync('xdotool', args, { env: app.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const dialogWindow = () => {
    try {
      return xdotool('search', '--onlyvisible', '--name', '^Back up workspace$').trim().split('\n')[0] || null;
    } catch {
      return null; // xdotool exits 1 when no window matches
    }
  };

  async function createClaim(browser, text) {
    await click(browser, 'new-claim');
    await byId(browser, 'claim-form');
    await typeInto(browser, 'claim-text', text);
    await click(browser, 'claim-save');
    await waitForText(browser, 'detail-text', text);
  }

  it('a claim saved, then the native save dialog shown on the workspace folder and cancelled', async () => {
    await waitForText(browser, 'claim-count', '5 claims');
    await createClaim(browser, BEFORE);
    await waitForText(browser, 'claim-count', '6 claims');
    // The backup's save dialog lists .factdesk files: the workspace itself among them.
    await click(browser, 'open-settings');
    await click(browser, 'backup-start');
    const id = await waitFor(browser, 'the GTK save dialog', () => dialogWindow(), 30000);
    // Let it list the folder (and open the files in it), as a person looking at it would.
    await new Promise((r) => setTimeout(r, 2000));
    xdotool('windowfocus', '--sync', id);
    xdotool('key', '--clearmodifiers', 'Escape');
    await waitFor(browser, 'the save dialog to close', () => dialogWindow() === null, 15000);
    await browser.keys('Escape'); // closes Settings
    await waitFor(browser, 'Settings to close', async () => (await browser.$$('[data-testid="backup-start"]')).length === 0);
  });

  it('commands read and write the open workspace through the window, which shows their change', async () => {
    assert.match(app.cli('--db', db, 'info'), /claims:\s+6/);
    app.cli('--db', db, 'claim', 'add', '--text', BY_COMMAND);
    await waitForText(browser, 'claim-count', '7 claims', 15000);
    await createClaim(browser, AFTER);
    await waitForText(browser, 'claim-count', '8 claims');
    await assertNoErrorBanner(browser);
  });

  it('after a restart every edit is there', async () => {
    await app.quit();
    const texts = JSON.parse(app.cli('--db', db, 'claim', 'list', '--json')).map((c) => c.text);
    for (const t of [BEFORE, AFTER, BY_COMMAND]) assert.ok(texts.includes(t), `lost: ${t}`);
    const b = await app.launch(db);
    await waitForText(b, 'claim-count', '8 claims');
  });
});

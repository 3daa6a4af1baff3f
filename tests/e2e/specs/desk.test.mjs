// The desk (issue 14) in the open window: a throwaway PostgreSQL, a desk made from the demo
// workspace with the CLI, the app open on it; another checker (alice, a CLI workspace of her own)
// adds a claim and syncs, and the open window shows it within seconds without a click (the app's
// listener hears the desk). Then Settings → Desk shows the desk and alice's copy.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLI, app } from '../harness.mjs';
import { assertNoErrorBanner, byId, click, textOf, waitFor, waitForText } from '../ui.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const PG_SCRIPT = join(REPO, 'scripts/throwaway-postgres.sh');
const ALICE_PASSWORD = 'pw-alice';

/**
 * factdesk-cli for the desk's commands. `desk create`/`join` keep the password they are given in
 * the system keyring: without DISPLAY (and with no session bus, see harness.mjs) there is none to
 * reach or to start, so the throwaway passwords stay out of any keyring and nothing is left running.
 */
function deskCli(args, env = {}) {
  const { DISPLAY: _display, ...noDisplay } = app.env;
  return execFileSync(CLI, args, { env: { ...noDisplay, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The texts of the claim rows on screen (one script call: the list re-renders as it reloads). */
const rowTexts = () => browser.execute(() => Array.from(document.querySelectorAll('[data-testid="claim-row"]'), (r) => r.innerText));

describe('the desk in the window', () => {
  let pgDir = null; // the throwaway PostgreSQL's folder
  let adminUrl; // postgres://factdesk_admin:PASSWORD@127.0.0.1:PORT/postgres
  let deskUrl; // the same without the password, as the workspace keeps it
  const claimText = `Alice's desk claim ${Date.now()}: the bridge toll doubled in 2025.`;

  /** Stops the server and removes its folder (also when the worker ends abruptly). */
  const stopPostgres = () => {
    if (!pgDir) return;
    try {
      execFileSync(PG_SCRIPT, ['stop', pgDir], { stdio: 'ignore', timeout: 90000 });
    } catch {
      // nothing more to do: the folder goes anyway
    }
    rmSync(pgDir, { recursive: true, force: true });
    pgDir = null;
  };

  before(async function () {
    this.timeout(180000);
    process.once('exit', stopPostgres);
    // Under the system temp dir, not the spec's (private) folder: as root the server runs as the
    // postgres user, who must reach its folder.
    pgDir = mkdtempSync(join(tmpdir(), 'factdesk-e2e-pg-'));
    const out = execFileSync(PG_SCRIPT, ['start', pgDir], { encoding: 'utf8', timeout: 120000 }).trim().split('\n');
    adminUrl = out[out.length - 1];
    const admin = new URL(adminUrl);
    deskUrl = adminUrl.replace(`:${admin.password}@`, '@');

    const a = app.workspace('editor.factdesk');
    app.cli('--db', a, 'demo');
    deskCli(['--db', a, 'desk', 'create', adminUrl]);
    execFileSync('psql', [adminUrl, '-qc', `CREATE ROLE alice LOGIN PASSWORD '${ALICE_PASSWORD}'`], { stdio: 'ignore' });
    deskCli(['desk', 'grant', adminUrl, 'alice']);
    // The app finds the owner's password where a checker's shell keeps it: PGPASSWORD.
    await app.launch(a, { env: { PGPASSWORD: readFileSync(join(pgDir, 'pwfile'), 'utf8').trim() } });
  });

  after(stopPostgres);

  it('the top bar says the workspace is on a desk and synced', async () => {
    await waitForText(browser, 'desk-indicator', /^desk: synced \d\d:\d\d$/);
    await assertNoErrorBanner(browser);
  });

  it("a claim alice adds and syncs from her own workspace appears in the list without a click", async () => {
    const b = app.workspace('alice.factdesk');
    const port = new URL(adminUrl).port;
    deskCli(['--db', b, 'desk', 'join', `postgres://alice:${ALICE_PASSWORD}@127.0.0.1:${port}/postgres`]);
    app.cli('--db', b, 'claim', 'add', '--text', claimText);
    assert.equal((await rowTexts()).some((t) => t.includes(claimText)), false, 'not in the window before alice syncs');
    const started = Date.now();
    deskCli(['--db', b, 'desk', 'sync'], { PGPASSWORD: ALICE_PASSWORD });
    await waitFor(browser, "alice's claim in the open window's list", async () => (await rowTexts()).some((t) => t.includes(claimText)), 10000);
    console.log(`e2e: alice's claim reached the open window ${Date.now() - started} ms after her sync began`);
    await waitForText(browser, 'claim-count', '6 claims');
    await assertNoErrorBanner(browser);
  });

  it("a claim added to the open workspace reaches alice's copy without anyone syncing it by hand", async () => {
    const editorText = `The editor's desk claim ${Date.now()}: the ferry fare fell in 2024.`;
    // A command on the open workspace borrows it from the window; the app's desk thread then finds
    // the change waiting and pushes it.
    app.cli('--db', app.workspace('editor.factdesk'), 'claim', 'add', '--text', editorText);
    const b = app.workspace('alice.factdesk');
    const started = Date.now();
    await waitFor(
      browser,
      "the editor's claim in alice's copy",
      async () => {
        deskCli(['--db', b, 'desk', 'sync'], { PGPASSWORD: ALICE_PASSWORD });
        const list = JSON.parse(deskCli(['--db', b, 'claim', 'list', '--json', '--search', 'ferry fare']));
        return list.some((c) => c.text === editorText);
      },
      15000,
    );
    console.log(`e2e: the editor's claim reached alice's copy ${Date.now() - started} ms after it was added`);
    await waitForText(browser, 'desk-indicator', /^desk: synced \d\d:\d\d$/);
  });

  it('Settings → Desk shows the desk, the role, and alice among the copies', async () => {
    await click(browser, 'open-settings');
    const panel = await byId(browser, 'desk-panel');
    await panel.scrollIntoView();
    await waitForText(browser, 'desk-address', deskUrl);
    assert.equal(await textOf(await byId(browser, 'desk-role')), 'factdesk_admin');
    assert.equal(await textOf(await byId(browser, 'desk-waiting')), '0 changes');
    await waitFor(browser, 'alice among the copies on the desk', async () =>
      browser.execute(() => Array.from(document.querySelectorAll('[data-testid="desk-replica"]'), (r) => r.getAttribute('data-role'))).then((roles) =>
        roles.includes('alice') && roles.includes('factdesk_admin') ? roles : false,
      ),
    );
    const alice = await browser.$('[data-testid="desk-replica"][data-role="alice"]');
    // Her copy, named by her role (and the checker name of her workspace).
    assert.match(await textOf(alice), /^alice( \(.+\))?: (last seen \d\d:\d\d|connected now)$/);
    // The owner's password came from PGPASSWORD: nothing in the window shows it.
    const password = new URL(adminUrl).password;
    assert.equal((await browser.execute(() => document.body.innerText)).includes(password), false);
    await assertNoErrorBanner(browser);
  });
});

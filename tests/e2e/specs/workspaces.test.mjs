// Workspaces from the window (issue 16), in the real app: File → Open workspace… (its accelerator,
// Ctrl+O, pressed with xdotool: WebDriver cannot reach the native menu bar) switches the window to
// another file and its list; a restart with no --db reopens the last workspace; a first launch (no
// recent list, no workspace) shows the welcome screen, which asks once for the checker's name, the
// desk and its address, and opens the demo; a panic says so plainly and leaves a crash report in
// the log folder. The open dialog is answered by FACTDESK_OPEN_PATH (a
// test hook of debug builds). `E2E_SCREENSHOT_DIR=…` saves the whole X screen (with the menu bar)
// at the welcome screen and after the switch.
//
// The steps build on each other; when one fails, the rest are skipped (see harness.mjs).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { APP, app } from '../harness.mjs';
import { assertNoErrorBanner, byId, click, textOf, typeInto, waitFor, waitForText } from '../ui.mjs';

const xdotool = (...args) => execFileSync('xdotool', args, { env: app.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

/** The app's X window, once mapped (its title starts with "Factdesk"). */
function appWindow() {
  try {
    return xdotool('search', '--onlyvisible', '--name', '^Factdesk').trim().split('\n')[0] || null;
  } catch {
    return null; // xdotool exits 1 when no window matches
  }
}

/** Presses `keys` (xdotool's spelling, e.g. ctrl+o) in the app's window, as a person would. */
async function press(browser, keys) {
  const id = await waitFor(browser, 'the app window', () => appWindow(), 30000);
  xdotool('windowfocus', '--sync', id);
  xdotool('key', '--clearmodifiers', '--window', id, keys);
}

/** The window's title, as the window manager sees it. */
const windowTitle = () => xdotool('getwindowname', appWindow()).trim();

/** With E2E_SCREENSHOT_DIR set, the whole X screen (the native menu bar is not in WebDriver's). */
function screenshot(name) {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `xwd -root -silent | convert xwd:- "${join(dir, `${name}.png`)}"`], { env: app.env, timeout: 20000 });
}

/** Processes of the app started with no argument (so not found by their --db). */
function appsWithoutArgs() {
  return readdirSync('/proc').filter((pid) => {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      return /^\d+$/.test(pid) && args.length === 1 && args[0] === APP;
    } catch {
      return false;
    }
  });
}

/** Quits the app started with no --db and waits until it has exited. */
async function quitArgless(browser) {
  await app.quit();
  await waitFor(browser, 'the app to exit', () => appsWithoutArgs().length === 0, 15000).catch(() => {});
}

/** Starts the app with no --db (with `env` added); resolves once the page has loaded. */
async function launchWithoutDb(browser, env = {}) {
  const caps = app.capabilities(app.workspace('none'), env);
  caps['tauri:options'] = { ...caps['tauri:options'], args: [] };
  await browser.reloadSession(caps);
  await waitFor(browser, 'the window to show a workspace or the welcome screen', async () =>
    (await browser.$$('[data-testid="claim-count"], [data-testid="welcome-screen"]')).length > 0, 30000);
}

describe('workspaces from the window', () => {
  let first;
  let second;
  let secondClaims;
  before(async () => {
    first = app.workspace('first.factdesk');
    second = app.workspace('second.factdesk');
    app.cli('--db', second, 'demo');
    secondClaims = Number(/claims:\s+(\d+)/.exec(app.cli('--db', second, 'info'))[1]);
    assert.ok(secondClaims > 0);
    await app.launch(first, { env: { FACTDESK_OPEN_PATH: second } });
  });

  it('File → Open workspace… (Ctrl+O) switches the window to another file and lists its claims', async () => {
    await waitForText(browser, 'claim-count', '0 claims');
    await press(browser, 'ctrl+o');
    await waitForText(browser, 'workspace-path', 'second.factdesk', 30000);
    await waitForText(browser, 'claim-count', `${secondClaims} claims`, 30000);
    const rows = await browser.execute(() => document.querySelectorAll('[data-testid="claim-row"]').length);
    assert.ok(rows > 0, 'the list shows the claims of the file opened');
    await waitForText(browser, 'notice-banner', (t) => t.includes('Opened second.factdesk'));
    await assertNoErrorBanner(browser);
    assert.equal(windowTitle(), 'Factdesk — second.factdesk');
    screenshot('workspaces-switched');
  });

  it('lets go of the first file (a command writes it alone) and holds the second (a command borrows it)', async () => {
    app.cli('--db', first, 'claim', 'add', '--text', 'Written while the window had moved to another workspace.');
    assert.match(app.cli('--db', first, 'info'), /claims:\s+1\b/);
    app.cli('--db', second, 'claim', 'add', '--text', 'Added through the window that holds the second workspace.');
    await waitForText(browser, 'claim-count', `${secondClaims + 1} claims`, 15000);
  });

  it('a restart with no --db reopens the last workspace', async () => {
    await app.quit();
    await launchWithoutDb(browser);
    await waitForText(browser, 'workspace-path', 'second.factdesk', 30000);
    await waitForText(browser, 'claim-count', `${secondClaims + 1} claims`, 30000);
    await assertNoErrorBanner(browser);
  });

  it('a first launch shows the welcome screen, asks once, and opens the demo with the answers', async () => {
    await quitArgless(browser);
    // Another config folder: no recent workspaces, no profile; and no default workspace file.
    const config = app.workspace('fresh-config');
    mkdirSync(config, { recursive: true });
    await launchWithoutDb(browser, { XDG_CONFIG_HOME: config });
    await byId(browser, 'welcome-screen');
    assert.equal((await browser.$$('[data-testid="screens-nav"]')).length, 0, 'no workspace window behind it');
    await typeInto(browser, 'welcome-checker', 'Amira Haddad');
    await typeInto(browser, 'welcome-desk', 'Desk Example');
    await typeInto(browser, 'welcome-url', 'https://desk.example/checks/');
    await typeInto(browser, 'welcome-logo', 'https://desk.example/logo.png');
    screenshot('workspaces-welcome');
    await click(browser, 'welcome-demo');
    await waitForText(browser, 'workspace-path', 'demo.factdesk', 30000);
    await waitForText(browser, 'claim-count', (t) => /^\d+ claims$/.test(t) && !t.startsWith('0 '), 30000);
    await waitForText(browser, 'actor-name', 'Amira Haddad');
    assert.equal(basename(JSON.parse(readFileSync(join(config, 'factdesk', 'recent.json'), 'utf8')).workspaces[0]), 'demo.factdesk');
    assert.equal(JSON.parse(readFileSync(join(config, 'factdesk', 'profile.json'), 'utf8')).desk_name, 'Desk Example');
    await quitArgless(browser);
    const info = app.cli('--db', join(app.env.XDG_DATA_HOME, 'factdesk', 'demo.factdesk'), 'info');
    assert.match(info, /Amira Haddad/, `the demo records the checker's name: ${info}`);
    // The logo went into the demo's publishing settings: its ClaimReview author carries it.
    assert.equal(JSON.parse(readFileSync(join(config, 'factdesk', 'profile.json'), 'utf8')).desk_logo_url, 'https://desk.example/logo.png');
    const reviews = JSON.parse(
      app.cli('--db', join(app.env.XDG_DATA_HOME, 'factdesk', 'demo.factdesk'), 'export', '--format', 'claimreview', '--status', 'published', '--out', '-'),
    );
    assert.ok(reviews.length > 0, 'the demo has published claims');
    assert.equal(reviews[0].author?.name, 'Desk Example');
    assert.equal(reviews[0].author?.logo?.url, 'https://desk.example/logo.png', JSON.stringify(reviews[0].author));
  });

  it('a panic in the app says so plainly and writes a crash report without claim text to the log folder', async () => {
    // FACTDESK_TEST_PANIC (a test hook of debug builds) makes a background thread panic after launch.
    await app.launch(second, { env: { FACTDESK_TEST_PANIC: '1' } });
    const banner = await waitForText(browser, 'error-banner', (t) => t.includes('Something went wrong inside Factdesk'), 20000);
    const logs = join(app.env.XDG_DATA_HOME, 'org.factdesk.app', 'logs');
    const reports = readdirSync(logs).filter((f) => /^crash-.*\.txt$/.test(f));
    assert.equal(reports.length, 1, `one crash report in ${logs}: ${readdirSync(logs)}`);
    assert.ok(banner.includes(join(logs, reports[0])), `the message says where the report is: ${banner}`);
    const report = readFileSync(join(logs, reports[0]), 'utf8');
    assert.match(report, /^version: \d+\.\d+\.\d+$/m);
    assert.match(report, /^thread: test-panic$/m);
    assert.match(report, /^where: .*crash\.rs:\d+:\d+$/m);
    assert.ok(!report.includes('claim words'), 'no quoted text in the report');
    assert.ok(readdirSync(logs).includes('factdesk.log'), 'the log file is there too');
    // The window goes on working.
    await waitForText(browser, 'claim-count', `${secondClaims + 1} claims`);
  });
});

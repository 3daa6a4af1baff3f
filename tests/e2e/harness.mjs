// What the specs use: `app`, the Factdesk window of the running spec file. wdio.conf.mjs's
// beforeSession gives each spec file a throwaway folder (its HOME, XDG_* and workspaces) and opens
// the app on a fresh workspace there; a spec then drives it with
//   app.workspace('x.factdesk')     a path in the spec's folder (app.workspace(): the one opened first)
//   app.cli('--db', db, 'demo')     factdesk-cli with the spec's environment; answers its stdout
//   await app.launch(db, { env })   the app on `db` with `env` added to its environment: the open one
//                                   if it is that, else it is quit and a new session opens it;
//                                   resolves (with `browser`) once the claim list has loaded
//   await app.quit()                ends the session and waits until the app's process has exited
// Also the artifacts of a failure, and the Mocha root hooks that skip a story's steps after a failed one.

import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { delay, removeFolder, removeOnExit, stopGroups } from './processes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(here, '..', '..');
export const APP = resolve(process.env.FACTDESK_APP || join(REPO, 'target/debug/factdesk'));
export const CLI = resolve(process.env.FACTDESK_CLI || join(REPO, 'target/debug/factdesk-cli'));
export const ARTIFACTS = join(here, '.artifacts');
/** How long to wait for UI state by default (ms). The app is a debug build under a software-rendered X server. */
export const UI_TIMEOUT = Number(process.env.E2E_UI_TIMEOUT_MS || 15000);

let spec = null; // the running spec file: { name, root, env, log, db, current, opened }

/** A line in the spec's log (with tauri-driver's and the app's output). */
const note = (line) => spec && appendFileSync(spec.log, `[harness] ${line}\n`);

/** Whether the app is open: a WebDriver session is (the app lives exactly as long as its session). */
const appRunning = () => Boolean(globalThis.browser?.sessionId);

/** Processes whose command line has `arg` (to wait until the app on a workspace has exited). */
export function processesWithArg(arg) {
  return readdirSync('/proc').filter((pid) => {
    try {
      return /^\d+$/.test(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(arg);
    } catch {
      return false; // raced with its exit
    }
  });
}

export const app = {
  /** beforeSession: the spec's folder in the run folder, and the environment of everything it starts. */
  setUp(specFile) {
    const name = basename(fileURLToPath(new URL(specFile, 'file:///'))).replace(/\.test\.mjs$/, '');
    const root = mkdtempSync(join(process.env.E2E_RUN_DIR, `${name}-`));
    removeOnExit(root);
    const env = { ...process.env };
    // The matching model the user installed (make model), found before HOME and XDG_* are replaced:
    // the app in the test matches by meaning as it does for the user.
    const model = join(process.env.XDG_DATA_HOME || join(process.env.HOME || '', '.local/share'), 'factdesk/models/all-MiniLM-L6-v2');
    if (!env.FACTDESK_MODEL && existsSync(join(model, 'model.safetensors'))) env.FACTDESK_MODEL = model;
    for (const k of ['HOME', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME']) {
      mkdirSync((env[k] = join(root, k.toLowerCase())));
    }
    mkdirSync((env.XDG_RUNTIME_DIR = join(root, 'runtime')), { mode: 0o700 });
    // No session bus: the app's single-instance check logs a warning and the window just opens.
    // (Also keeps the test away from a developer's real desktop session.)
    for (const k of ['DBUS_SESSION_BUS_ADDRESS', 'WAYLAND_DISPLAY', 'FACTDESK_DB', 'NODE_OPTIONS', 'E2E_RUN_DIR']) delete env[k];
    Object.assign(env, { NO_AT_BRIDGE: '1', GDK_BACKEND: 'x11' });
    // Xvfb has no GPU. (Do NOT set WEBKIT_DISABLE_DMABUF_RENDERER=1 here: with it, WebKitGTK 2.50's
    // WebDriver screenshot command never answers under Xvfb.)
    env.LIBGL_ALWAYS_SOFTWARE ??= '1';
    for (const [k, v] of Object.entries(env)) if (v === '' || k.startsWith('WDIO_')) delete env[k];
    spec = { name, root, env, log: join(root, 'driver.log'), db: null, current: null, opened: false };
    note(`Xvfb on ${env.DISPLAY}`);
    return spec;
  },

  get env() {
    return spec.env;
  },

  workspace(fileName = 'workspace.factdesk') {
    return join(spec.root, fileName);
  },

  cli(...args) {
    return execFileSync(CLI, args, { env: spec.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  },

  /**
   * The capabilities of a session that opens the app on `db`. tauri-driver cannot pass environment
   * to the app, so with `env` the app is started through a script that sets it and then becomes
   * the app (exec: same process, same arguments).
   */
  capabilities(db, env = {}) {
    let application = APP;
    if (Object.keys(env).length) {
      const quote = (v) => `'${String(v).replace(/'/g, `'\\''`)}'`;
      const vars = Object.entries(env).map(([k, v]) => `${k}=${quote(v)}`).join(' ');
      application = join(spec.root, `factdesk-with-env-${Date.now()}.sh`);
      writeFileSync(application, `#!/bin/sh\nexec env ${vars} ${quote(APP)} "$@"\n`, { mode: 0o755 });
    }
    Object.assign(spec, { db, current: JSON.stringify([db, env]) });
    // A password in the environment (PGPASSWORD for the desk) is named in the log, never shown.
    const shown = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, /pass/i.test(k) ? '***' : v]));
    note(`launching ${APP} --db ${db}${Object.keys(env).length ? ` with ${JSON.stringify(shown)}` : ''}`);
    return {
      browserName: 'wry',
      // WebKitWebDriver speaks classic WebDriver only; without this WebdriverIO 9 asks for BiDi.
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application, args: ['--db', db] },
    };
  },

  /** The runner's `before` hook: its session is open, the app started. */
  opened(browser) {
    spec.opened = true;
    // app.quit() ends the session itself, so the reloadSession() of a later app.launch() has none to
    // end: nothing to do then (instead of a warning with a stack trace).
    browser.overwriteCommand('deleteSession', function (deleteSession, ...args) {
      return this.sessionId ? deleteSession(...args) : undefined;
    });
  },

  get running() {
    return appRunning();
  },

  get everOpened() {
    return Boolean(spec?.opened);
  },

  async launch(db, { env = {} } = {}) {
    if (!(appRunning() && spec.current === JSON.stringify([db, env]))) {
      await app.quit();
      await browser.reloadSession(app.capabilities(db, env));
    }
    // The list has loaded once the count shows a number instead of "Loading…".
    const count = await browser.$('[data-testid="claim-count"]');
    await count.waitForExist({ timeout: 30000, timeoutMsg: 'the app window never showed the claim list' });
    await browser.waitUntil(async () => /^[\d,]+\+? claims?$/.test((await count.getText()).trim()), {
      timeout: 30000,
      timeoutMsg: 'the claim list never finished loading',
    });
    return browser;
  },

  async quit() {
    if (!appRunning()) return;
    try {
      await browser.deleteSession();
    } catch (err) {
      note(`deleteSession failed: ${err.message}`);
    }
    browser.sessionId = undefined; // so the runner does not end it again (see `after` in wdio.conf.mjs)
    const deadline = Date.now() + 15000;
    while (processesWithArg(spec.db).length && Date.now() < deadline) await delay(100);
    const left = processesWithArg(spec.db);
    if (!left.length) return;
    for (const pid of left) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
    throw new Error(`the app on ${spec.db} did not exit within 15 s of closing its session; killed it`);
  },

  /** afterSession (or `after`): quits the app if it is open, stops tauri-driver, removes the spec's folder. */
  async tearDown() {
    if (!spec) return;
    await app.quit().catch((err) => note(`quitting the app: ${err.message}`));
    await stopGroups();
    removeFolder(spec.root);
    spec = null;
  },
};

function tail(file, lines) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines - 1).join('\n');
  } catch {
    return '';
  }
}

/** The tail of the spec's log: harness notes, tauri-driver's and the app's output. */
export const logTail = (lines = 40) => (spec ? tail(spec.log, lines) : '');

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, rej) => (timer = setTimeout(() => rej(new Error(`${what}: no answer within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Into .artifacts/, named after the spec and `title`: the WebDriver screenshot and page source (if
 * the app is open), the whole X screen (if ImageMagick's `import` is installed) and the log tails
 * of the spec and of Xvfb. Answers the files written.
 */
export async function saveFailureArtifacts(title) {
  if (!spec) return [];
  mkdirSync(ARTIFACTS, { recursive: true });
  const slug = String(title).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'test';
  const base = join(ARTIFACTS, `${spec.name}--${slug}`);
  const saved = [];
  const attempt = async (what, file, fn) => {
    try {
      await withTimeout(fn(), 15000, what);
      if (file) saved.push(file);
    } catch (err) {
      note(`${what} failed: ${err.message}`);
    }
  };
  if (appRunning()) {
    // The window paints what the DOM holds a frame later (slow under a software-rendered X server).
    await attempt('two frames', null, () => browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await attempt('WebDriver screenshot', `${base}.png`, () => browser.saveScreenshot(`${base}.png`));
    await attempt('page source', `${base}.html`, async () => writeFileSync(`${base}.html`, await browser.getPageSource()));
  }
  try {
    execFileSync('import', ['-display', spec.env.DISPLAY, '-window', 'root', `${base}-screen.png`], { stdio: 'ignore', timeout: 15000 });
    saved.push(`${base}-screen.png`);
  } catch {
    // optional
  }
  const xvfbLog = join(process.env.E2E_RUN_DIR, 'xvfb.log');
  writeFileSync(`${base}.log`, `${tail(spec.log, 200)}\n--- Xvfb ---\n${existsSync(xvfbLog) ? tail(xvfbLog, 20) : ''}\n`);
  return [...saved, `${base}.log`];
}

// Mocha root hooks (mochaOpts.require): the steps of a spec build on each other, so after a failed
// one the rest of the file is skipped (marked pending before they start: reported as skipped).
export const mochaHooks = {
  afterEach() {
    if (this.currentTest?.state !== 'failed') return;
    let root = this.currentTest.parent;
    while (root.parent) root = root.parent;
    const tests = (suite) => [...suite.tests, ...suite.suites.flatMap(tests)];
    for (const t of tests(root)) if (!t.state) t.pending = true;
  },
};

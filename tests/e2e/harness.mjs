// End-to-end harness: the real Factdesk binary in a private Xvfb display, driven through
// tauri-driver + WebKitWebDriver with WebdriverIO's standalone `remote()` API.
//
// One harness per spec file (node --test runs each file in its own process):
//   const h = await startHarness('my-spec');     // Xvfb + tauri-driver + temp HOME/XDG dirs
//   const browser = await h.launchApp(dbPath);    // opens the app on a workspace file
//   await h.quitApp();                            // closes it (and waits until the process is gone)
//   await h.stop();                               // kills tauri-driver and Xvfb (also on process exit)
//
// Nothing has to be running beforehand, and nothing is left behind: every child runs in its own
// process group, which is killed in stop() and again (synchronously) from process exit handlers.

import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { remote } from 'webdriverio';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO = resolve(here, '..', '..');
export const APP = resolve(process.env.FACTDESK_APP || join(REPO, 'target/debug/factdesk'));
export const CLI = resolve(process.env.FACTDESK_CLI || join(REPO, 'target/debug/factdesk-cli'));
export const ARTIFACTS = join(here, '.artifacts');
const NATIVE_DRIVER = process.env.WEBKIT_WEBDRIVER || '/usr/bin/WebKitWebDriver';
const TAURI_DRIVER = process.env.TAURI_DRIVER || findTauriDriver();

/** How long to wait for UI state by default (ms). The app is a debug build under a software-rendered X server. */
export const UI_TIMEOUT = Number(process.env.E2E_UI_TIMEOUT_MS || 15000);

function findTauriDriver() {
  const candidates = [
    ...(process.env.PATH || '').split(':').filter(Boolean).map((d) => join(d, 'tauri-driver')),
    join(process.env.HOME || '/root', '.cargo/bin/tauri-driver'),
  ];
  return candidates.find((p) => existsSync(p)) || 'tauri-driver';
}

// ---------------------------------------------------------------------------------------------
// Process bookkeeping: every child we start is a process-group leader; these are killed on exit.

const groups = new Set();
const tempRoots = new Set();

function killGroup(pid, signal = 'SIGTERM') {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function killAllNow() {
  for (const pid of groups) {
    killGroup(pid, 'SIGTERM');
    killGroup(pid, 'SIGKILL');
  }
  groups.clear();
  for (const d of tempRoots) rmSync(d, { recursive: true, force: true });
  tempRoots.clear();
}

process.once('exit', killAllNow);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    killAllNow();
    process.exit(128 + ({ SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[sig] ?? 0));
  });
}
// (An uncaught exception also ends in 'exit'; node:test keeps its own handlers for reporting.)

async function stopGroup(pid, graceMs = 3000) {
  if (!pid) return;
  killGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await delay(50);
  if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
  groups.delete(pid);
}

// ---------------------------------------------------------------------------------------------
// Small helpers

export const delay = (ms) => new Promise((r) => setTimeout(r, ms));

async function pollUntil(what, fn, timeoutMs, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await delay(intervalMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${last.message})` : ''}`);
}

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

async function portAnswers(port) {
  try {
    const r = await fetch(`http://127.0.0.1:${port}/status`, { signal: AbortSignal.timeout(1000) });
    return r.status > 0;
  } catch {
    return false;
  }
}

/** Processes whose command line mentions `needle` (used to wait until the app has really exited). */
function processesMentioning(needle) {
  const found = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (cmd.includes(needle)) found.push(Number(name));
    } catch {
      // raced with exit
    }
  }
  return found;
}

/** Appends a child's output to a log buffer (kept in memory, written out on failure). */
class Log {
  constructor() {
    this.lines = [];
  }
  attach(stream, tag) {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop();
      for (const p of parts) this.push(`[${tag}] ${p}`);
    });
    stream.on('end', () => partial && this.push(`[${tag}] ${partial}`));
  }
  push(line) {
    this.lines.push(line);
    if (this.lines.length > 5000) this.lines.splice(0, 1000);
  }
  tail(n = 80) {
    return this.lines.slice(-n).join('\n');
  }
}

// ---------------------------------------------------------------------------------------------

function checkPrerequisites() {
  const problems = [];
  if (!existsSync(APP)) {
    problems.push(
      `The app binary ${APP} is missing. Build it with \`make build\` (UI first, then ` +
        '`cargo build -p factdesk --features custom-protocol`), or point FACTDESK_APP at a built binary.',
    );
  }
  if (!existsSync(NATIVE_DRIVER)) problems.push(`${NATIVE_DRIVER} is missing: apt-get install webkit2gtk-driver`);
  if (TAURI_DRIVER === 'tauri-driver') problems.push("tauri-driver not found: cargo install tauri-driver --version '^2' --locked");
  try {
    execFileSync('sh', ['-c', 'command -v Xvfb'], { stdio: 'ignore' });
  } catch {
    problems.push('Xvfb is missing: apt-get install xvfb');
  }
  if (problems.length) throw new Error(`e2e prerequisites missing:\n  - ${problems.join('\n  - ')}`);
}

/** Starts Xvfb on a free display; resolves with the display number once the server accepts clients. */
function startXvfb(log) {
  // -displayfd: Xvfb picks a free display itself and writes its number to fd 3 once it is ready
  // to accept connections, so there is neither a race over display numbers nor a sleep.
  const child = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1400x900x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    detached: true,
  });
  groups.add(child.pid);
  log.attach(child.stdout, 'xvfb');
  log.attach(child.stderr, 'xvfb');
  return new Promise((res, rej) => {
    let buf = '';
    const timer = setTimeout(() => rej(new Error(`Xvfb did not report a display within 15 s\n${log.tail(20)}`)), 15000);
    child.stdio[3].setEncoding('utf8');
    child.stdio[3].on('data', (d) => {
      buf += d;
      const m = buf.match(/^(\d+)\n/);
      if (m) {
        clearTimeout(timer);
        res({ child, display: Number(m[1]) });
      }
    });
    child.once('exit', (code, sig) => {
      clearTimeout(timer);
      rej(new Error(`Xvfb exited early (code ${code}, signal ${sig})\n${log.tail(20)}`));
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      rej(err);
    });
  });
}

/**
 * Starts Xvfb and tauri-driver for one spec file. `name` names the artifacts of a failure.
 */
export async function startHarness(name) {
  checkPrerequisites();
  const log = new Log();
  const root = mkdtempSync(join(tmpdir(), `factdesk-e2e-${name}-`));
  tempRoots.add(root);
  const env = { ...process.env };
  for (const k of ['HOME', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME']) {
    const d = join(root, k.toLowerCase());
    mkdirSync(d, { recursive: true });
    env[k] = d;
  }
  env.XDG_RUNTIME_DIR = join(root, 'runtime');
  mkdirSync(env.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 });
  // No session bus: the app's single-instance check logs a warning and the window just opens.
  // (Also keeps the test away from a developer's real desktop session.)
  delete env.DBUS_SESSION_BUS_ADDRESS;
  delete env.WAYLAND_DISPLAY;
  delete env.FACTDESK_DB;
  env.NO_AT_BRIDGE = '1';
  env.GDK_BACKEND = 'x11';
  // Xvfb has no GPU. (Do NOT set WEBKIT_DISABLE_DMABUF_RENDERER=1 here: with it, WebKitGTK 2.50's
  // WebDriver screenshot command never answers under Xvfb.)
  env.LIBGL_ALWAYS_SOFTWARE ??= '1';
  for (const [k, v] of Object.entries(env)) if (v === '') delete env[k];

  let xvfb;
  let driver;
  let browser = null;
  let currentDb = null;
  let stopped = false;

  try {
    xvfb = await startXvfb(log);
    env.DISPLAY = `:${xvfb.display}`;
    log.push(`[harness] Xvfb on ${env.DISPLAY}`);

    // tauri-driver: its port, and the port of the WebKitWebDriver it starts. Retried on the
    // (unlikely) chance another process grabbed a port between freePort() and bind().
    let port;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      let nativePort = await freePort();
      while (nativePort === port) nativePort = await freePort();
      driver = spawn(
        TAURI_DRIVER,
        ['--port', String(port), '--native-port', String(nativePort), '--native-driver', NATIVE_DRIVER],
        { env, cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
      );
      groups.add(driver.pid);
      log.attach(driver.stdout, 'tauri-driver');
      log.attach(driver.stderr, 'tauri-driver');
      let exited = false;
      driver.once('exit', (code, sig) => {
        exited = true;
        log.push(`[harness] tauri-driver exited (code ${code}, signal ${sig})`);
      });
      try {
        await pollUntil(`tauri-driver on port ${port}`, async () => {
          if (exited) throw new Error('tauri-driver exited');
          // WebKitWebDriver first (tauri-driver only proxies to it), then tauri-driver itself.
          return (await portAnswers(nativePort)) && (await portAnswers(port));
        }, 15000);
        break;
      } catch (err) {
        await stopGroup(driver.pid);
        if (attempt >= 3) throw new Error(`${err.message}\n--- log tail ---\n${log.tail(40)}`);
      }
    }
    log.push(`[harness] tauri-driver on 127.0.0.1:${port}`);

    const h = {
      root,
      env,
      log,
      display: env.DISPLAY,
      get browser() {
        return browser;
      },

      /** A fresh workspace path inside this run's temp dir (the file does not exist yet). */
      workspace(fileName = 'workspace.factdesk') {
        return join(root, fileName);
      },

      /** Runs factdesk-cli with the harness environment; returns stdout. */
      cli(...args) {
        if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build it with make build (cargo build -p factdesk-cli)`);
        return execFileSync(CLI, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      },

      /**
       * Opens the app on `dbPath` in a new WebDriver session and waits until its UI has loaded.
       * `env`: extra environment for the app alone (e.g. FACTDESK_SAVE_PATH, FACTDESK_OPEN_PATH,
       * which answer its save and open dialogs). tauri-driver cannot pass environment to the app,
       * so the app is started through a small script that sets it and then becomes the app.
       */
      async launchApp(dbPath, { env: appEnv = {} } = {}) {
        if (browser) throw new Error('launchApp: the app is already running; quitApp() first');
        currentDb = dbPath;
        const application = Object.keys(appEnv).length ? appWithEnv(root, appEnv) : APP;
        log.push(`[harness] launching ${APP} --db ${dbPath}${Object.keys(appEnv).length ? ` with ${JSON.stringify(appEnv)}` : ''}`);
        browser = await remote({
          hostname: '127.0.0.1',
          port,
          logLevel: process.env.E2E_WDIO_LOG || 'warn',
          connectionRetryCount: 1,
          connectionRetryTimeout: 120000,
          waitforTimeout: UI_TIMEOUT,
          capabilities: {
            browserName: 'wry',
            // WebKitWebDriver speaks classic WebDriver only; without this WebdriverIO 9 asks for BiDi.
            'wdio:enforceWebDriverClassic': true,
            'tauri:options': { application, args: ['--db', dbPath] },
          },
        });
        // The list has loaded once the count shows a number instead of "Loading…".
        const count = await browser.$('[data-testid="claim-count"]');
        await count.waitForExist({ timeout: 30000, timeoutMsg: 'the app window never showed the claim list' });
        await browser.waitUntil(async () => /^\d+ claims?$/.test((await count.getText()).trim()), {
          timeout: 30000,
          timeoutMsg: 'the claim list never finished loading',
        });
        return browser;
      },

      /** Closes the app and waits until its process has exited (so a relaunch cannot meet the old one). */
      async quitApp() {
        if (!browser) return;
        const b = browser;
        browser = null;
        try {
          await b.deleteSession();
        } catch (err) {
          log.push(`[harness] deleteSession failed: ${err.message}`);
        }
        if (currentDb) {
          const db = currentDb;
          try {
            await pollUntil(`the app on ${db} to exit`, () => processesMentioning(db).length === 0, 15000);
          } catch (err) {
            // Don't leave it running: kill it, then report.
            for (const pid of processesMentioning(db)) {
              try {
                process.kill(pid, 'SIGKILL');
              } catch {}
            }
            throw err;
          }
        }
      },

      /** Screenshot + page source + log tail into .artifacts/, named after the test. */
      async saveFailureArtifacts(testName) {
        mkdirSync(ARTIFACTS, { recursive: true });
        const base = join(ARTIFACTS, `${name}--${slug(testName)}`);
        const saved = [];
        if (browser) {
          try {
            await withTimeout(browser.saveScreenshot(`${base}.png`), 15000, 'WebDriver screenshot');
            saved.push(`${base}.png`);
          } catch (err) {
            log.push(`[harness] screenshot failed: ${err.message}`);
          }
          try {
            writeFileSync(`${base}.html`, await browser.getPageSource());
            saved.push(`${base}.html`);
          } catch (err) {
            log.push(`[harness] page source failed: ${err.message}`);
          }
        }
        // The whole X screen as well (what was really painted), if ImageMagick's `import` is there.
        try {
          execFileSync('import', ['-display', env.DISPLAY, '-window', 'root', `${base}-screen.png`], { stdio: 'ignore', timeout: 15000 });
          saved.push(`${base}-screen.png`);
        } catch {
          // optional
        }
        writeFileSync(`${base}.log`, log.tail(200) + '\n');
        saved.push(`${base}.log`);
        return saved;
      },

      /** Quits the app if open, kills tauri-driver (and with it WebKitWebDriver) and Xvfb, removes temp dirs. */
      async stop({ keepTemp = false } = {}) {
        if (stopped) return;
        stopped = true;
        try {
          await h.quitApp();
        } catch (err) {
          log.push(`[harness] quitApp during stop: ${err.message}`);
        }
        await stopGroup(driver?.pid);
        await stopGroup(xvfb?.child.pid);
        if (!keepTemp) {
          rmSync(root, { recursive: true, force: true });
          tempRoots.delete(root);
        }
      },
    };
    return h;
  } catch (err) {
    await stopGroup(driver?.pid);
    await stopGroup(xvfb?.child?.pid);
    rmSync(root, { recursive: true, force: true });
    tempRoots.delete(root);
    throw err;
  }
}

/** A shell script in `dir` that runs the app with `vars` added to its environment (exec: same process, same arguments). */
function appWithEnv(dir, vars) {
  const quote = (v) => `'${String(v).replace(/'/g, `'\\''`)}'`;
  for (const k of Object.keys(vars)) if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`launchApp: bad environment variable name ${k}`);
  const assignments = Object.entries(vars).map(([k, v]) => `${k}=${quote(v)}`).join(' ');
  const script = join(dir, `factdesk-with-env-${Date.now()}.sh`);
  writeFileSync(script, `#!/bin/sh\nexec env ${assignments} ${quote(APP)} "$@"\n`, { mode: 0o755 });
  return script;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, rej) => {
      timer = setTimeout(() => rej(new Error(`${what} did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function slug(s) {
  return String(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'test';
}

/**
 * Wires a harness into a node:test suite whose tests are steps of one story:
 *   const suite = useHarness('name');
 *   suite.step('does X', async (browser, h) => { ... });
 * The harness starts in `before` and stops in `after` (always). A failing step saves a screenshot,
 * the page source and the tauri-driver/Xvfb log tail into .artifacts/; the steps after it are
 * skipped, since each builds on the state the previous one left.
 */
export function useHarness(name, { launch } = {}) {
  const ctx = { h: null, failed: null };
  before(async () => {
    ctx.h = await startHarness(name);
    if (!launch) return;
    try {
      await launch(ctx.h);
    } catch (err) {
      ctx.failed = 'launching the app';
      const files = await ctx.h.saveFailureArtifacts('launch').catch(() => []);
      console.error(`e2e: the app did not start; artifacts:\n  ${files.join('\n  ')}\n${ctx.h.log.tail(40)}`);
      throw err;
    }
  });
  after(async () => {
    await ctx.h?.stop();
  });
  ctx.step = (title, fn) =>
    test(title, async (t) => {
      if (ctx.failed) {
        t.skip(`an earlier step failed: ${ctx.failed}`);
        return;
      }
      try {
        await fn(ctx.h.browser, ctx.h);
      } catch (err) {
        ctx.failed = title;
        if (ctx.h) {
          try {
            const files = await ctx.h.saveFailureArtifacts(title);
            console.error(`e2e: failure artifacts:\n  ${files.join('\n  ')}`);
          } catch (e) {
            console.error(`e2e: could not save failure artifacts: ${e.message}`);
          }
          console.error(`--- tauri-driver/Xvfb log tail ---\n${ctx.h.log.tail(40)}\n---`);
        }
        throw err;
      }
    });
  return ctx;
}

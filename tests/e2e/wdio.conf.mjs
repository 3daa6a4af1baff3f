// WebdriverIO's runner around the real Factdesk window (see README.md). The run has one Xvfb; each
// spec file runs in its own worker, one at a time, with its own folder and tauri-driver, and the
// runner's session opens the app on a fresh workspace there. The processes are in processes.mjs,
// the spec's folder and the app it drives in harness.mjs.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SevereServiceError } from 'webdriverio';
import { APP, ARTIFACTS, CLI, UI_TIMEOUT, app, logTail, saveFailureArtifacts } from './harness.mjs';
import { removeOnExit, startTauriDriver, startXvfb, stopGroups } from './processes.mjs';

const which = (name) => (process.env.PATH || '').split(':').map((d) => join(d, name)).find((p) => existsSync(p));
const NATIVE_DRIVER = process.env.WEBKIT_WEBDRIVER || '/usr/bin/WebKitWebDriver';
const TAURI_DRIVER = process.env.TAURI_DRIVER || which('tauri-driver') || join(process.env.HOME || '/root', '.cargo/bin/tauri-driver');

/** Saves a failure's artifacts and says where they are, with the tail of the spec's log. */
async function reportFailure(title) {
  const files = await saveFailureArtifacts(title).catch((err) => [`(none: ${err.message})`]);
  console.error(`e2e: failure artifacts:\n  ${files.join('\n  ')}\n--- tauri-driver/app log tail ---\n${logTail(40)}\n---`);
}

export const config = {
  runner: 'local',
  specs: ['./specs/*.test.mjs'],
  maxInstances: 1,
  capabilities: [{ browserName: 'wry', 'wdio:enforceWebDriverClassic': true }], // completed in beforeSession
  hostname: '127.0.0.1',
  port: 0, // tauri-driver's, set in beforeSession (0: never someone else's driver, if ours did not start)
  autoXvfb: false, // ours, started in onPrepare
  logLevel: process.env.E2E_WDIO_LOG || 'warn',
  waitforTimeout: UI_TIMEOUT,
  connectionRetryTimeout: 120000,
  connectionRetryCount: 1,
  framework: 'mocha',
  // harness.mjs's root hooks: after a failed step the rest of its spec file is skipped.
  mochaOpts: { ui: 'bdd', timeout: 120000, require: ['./harness.mjs'] },
  reporters: ['spec'],

  // The launcher, once. (Only a SevereServiceError thrown here stops the run.)
  async onPrepare() {
    const missing = [
      [APP, 'the app binary (make build, or FACTDESK_APP=…)'],
      [CLI, 'the CLI binary (make build, or FACTDESK_CLI=…)'],
      [NATIVE_DRIVER, 'WebKitWebDriver (apt-get install webkit2gtk-driver)'],
      [TAURI_DRIVER, "tauri-driver (cargo install tauri-driver --version '^2' --locked)"],
      [which('Xvfb') || 'Xvfb', 'Xvfb (apt-get install xvfb)'],
    ].filter(([path]) => !existsSync(path));
    if (missing.length) throw new SevereServiceError(`e2e: missing:\n${missing.map(([p, what]) => `  - ${p}: ${what}`).join('\n')}`);
    rmSync(ARTIFACTS, { recursive: true, force: true }); // the last run's failures only
    // The run folder: the specs' folders, the processes' pgid files, Xvfb's log. Workers inherit
    // the environment, DISPLAY included.
    process.env.E2E_RUN_DIR = mkdtempSync(join(tmpdir(), 'factdesk-e2e-'));
    removeOnExit(process.env.E2E_RUN_DIR);
    process.env.DISPLAY = await startXvfb(process.env.E2E_RUN_DIR).catch((err) => {
      throw new SevereServiceError(err.message);
    });
  },

  // Each spec file, in its worker: its folder, tauri-driver, and the app on a fresh workspace.
  async beforeSession(config, capabilities, [specFile]) {
    const spec = app.setUp(specFile);
    const driver = { tauriDriver: TAURI_DRIVER, nativeDriver: NATIVE_DRIVER, env: spec.env, cwd: spec.root, log: spec.log };
    config.port = await startTauriDriver(driver);
    Object.assign(capabilities, app.capabilities(app.workspace()));
  },

  before(_capabilities, _specs, browser) {
    app.opened(browser);
  },

  async afterTest(test, _context, { passed }) {
    if (!passed) await reportFailure(test.title);
  },

  async afterHook(test, _context, { error }) {
    if (error) await reportFailure(test.title);
  },

  // With no session open at the end (the app did not start, or the story ended with it quit) the
  // runner ends none and skips afterSession: tear down here instead.
  async after() {
    if (app.running) return;
    if (!app.everOpened) await reportFailure('launching the app');
    await app.tearDown();
  },

  async afterSession() {
    await app.tearDown();
  },

  async onComplete() {
    await stopGroups(); // Xvfb; whatever a worker left is killed as the launcher exits
  },
};

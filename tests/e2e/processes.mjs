// The processes wdio.conf.mjs's hooks start: Xvfb for the run, tauri-driver for each spec file.
//
// Every child is a process-group leader (so its own children, WebKitWebDriver and the app, go with
// it) and leaves a file `pgid.<pid>` in the run folder until it is stopped. A process kills the
// groups it started when it stops them and again from its exit handler (wdio ends SIGINT and
// SIGTERM with an exit; SIGHUP is turned into one here); the launcher also kills every group still
// listed, which is what a worker killed outright leaves.

import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const delay = (ms) => new Promise((r) => setTimeout(r, ms));

const mine = new Set(); // groups this process started and has not stopped
const folders = new Set(); // removed on exit
let sweepRun = false; // the launcher: also kill what the workers left

process.once('exit', () => {
  killGroups();
  if (sweepRun) {
    try {
      for (const f of readdirSync(process.env.E2E_RUN_DIR)) if (/^pgid\.\d+$/.test(f)) signalGroup(f.slice(5), 'SIGKILL');
    } catch {
      // no run folder
    }
  }
  for (const d of folders) removeFolder(d);
});
process.once('SIGHUP', () => process.exit(129));

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // gone
  }
}

/** Starts `cmd` as a process-group leader with its output appended to `log`. */
function spawnGroup(cmd, args, { env, cwd, log, fds = [] }) {
  const out = openSync(log, 'a');
  const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', out, out, ...fds], detached: true });
  closeSync(out);
  if (child.pid) {
    mine.add(child.pid);
    writeFileSync(join(process.env.E2E_RUN_DIR, `pgid.${child.pid}`), `${cmd}\n`);
  }
  return child;
}

/** SIGTERM to each group this process started, SIGKILL to what is left after 3 s. */
export async function stopGroups() {
  for (const pid of mine) signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + 3000;
  while ([...mine].some((pid) => signalGroup(pid, 0)) && Date.now() < deadline) await delay(50);
  killGroups();
}

function killGroups() {
  for (const pid of mine) {
    signalGroup(pid, 'SIGKILL');
    rmSync(join(process.env.E2E_RUN_DIR, `pgid.${pid}`), { force: true });
  }
  mine.clear();
}

/** Removes `dir` now (never throwing: children may still be writing) and on exit if that fails. */
export function removeFolder(dir) {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    folders.delete(dir);
  } catch (err) {
    console.error(`e2e: could not remove ${dir}: ${err.message}`);
  }
}

/** `dir` is removed on exit, whatever happens. */
export const removeOnExit = (dir) => folders.add(dir);

/**
 * The launcher's part: Xvfb on a free display, its log in the run folder; answers the display.
 * -displayfd: Xvfb picks a free display itself and writes its number to fd 3 once it accepts
 * connections, so there is neither a race over display numbers nor a sleep.
 */
export async function startXvfb(runDir) {
  sweepRun = true;
  const log = join(runDir, 'xvfb.log');
  const xvfb = spawnGroup('Xvfb', ['-displayfd', '3', '-screen', '0', '1400x900x24', '-nolisten', 'tcp'], { log, fds: ['pipe'] });
  const display = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error('Xvfb reported no display within 15 s')), 15000);
    xvfb.once('exit', (code, sig) => rej(new Error(`Xvfb exited (code ${code}, signal ${sig}); see ${log}`)));
    xvfb.once('error', rej);
    let buf = '';
    xvfb.stdio[3].setEncoding('utf8').on('data', (d) => {
      const m = (buf += d).match(/^(\d+)\n/);
      if (m) {
        clearTimeout(timer);
        res(`:${m[1]}`);
      }
    });
  });
  xvfb.stdio[3].destroy();
  xvfb.removeAllListeners('exit');
  xvfb.unref();
  return display;
}

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer().unref().on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

async function answers(port) {
  try {
    return (await fetch(`http://127.0.0.1:${port}/status`, { signal: AbortSignal.timeout(1000) })).status > 0;
  } catch {
    return false;
  }
}

/**
 * A spec's part: tauri-driver (and the WebKitWebDriver it starts) on free ports, with `env` and
 * working folder `cwd` (which the app inherits); answers tauri-driver's port once both answer.
 * Tried three times, on the (unlikely) chance another process took a port before it was bound.
 */
export async function startTauriDriver({ tauriDriver, nativeDriver, env, cwd, log }) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    let nativePort = await freePort();
    while (nativePort === port) nativePort = await freePort();
    const args = ['--port', `${port}`, '--native-port', `${nativePort}`, '--native-driver', nativeDriver];
    const driver = spawnGroup(tauriDriver, args, { env, cwd, log });
    let exited = false;
    driver.once('exit', () => (exited = true)).once('error', () => (exited = true)).unref();
    const deadline = Date.now() + 15000;
    while (!exited && Date.now() < deadline) {
      if ((await answers(nativePort)) && (await answers(port))) return port;
      await delay(100);
    }
    signalGroup(driver.pid, 'SIGKILL');
    if (attempt === 3) throw new Error(`tauri-driver did not answer on port ${port}; see its log`);
  }
}

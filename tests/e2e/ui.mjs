// Helpers for driving the Factdesk UI by its data-testid hooks.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { UI_TIMEOUT } from './harness.mjs';

export const sel = (id) => `[data-testid="${id}"]`;

/** The element with data-testid `id` (inside `root`, if given), once it exists. */
export async function byId(browser, id, { root, timeout = UI_TIMEOUT } = {}) {
  const el = root ? await root.$(sel(id)) : await browser.$(sel(id));
  await el.waitForExist({ timeout, timeoutMsg: `no element with data-testid="${id}" after ${timeout} ms` });
  return el;
}

/** All elements with data-testid `id` right now (possibly none). */
export async function allById(browser, id, root) {
  return root ? root.$$(sel(id)) : browser.$$(sel(id));
}

export async function countById(browser, id, root) {
  return (await allById(browser, id, root)).length;
}

/** Waits until `fn()` is truthy, with a message that says what was expected and what was last seen. */
export async function waitFor(browser, what, fn, timeout = UI_TIMEOUT) {
  let last;
  try {
    return await browser.waitUntil(
      async () => {
        const r = await fn();
        last = r;
        return r;
      },
      { timeout, interval: 100, timeoutMsg: `timed out after ${timeout} ms waiting for ${what}` },
    );
  } catch (err) {
    err.message += last !== undefined ? ` (last seen: ${JSON.stringify(last)})` : '';
    throw err;
  }
}

/** Waits until there are exactly `n` elements with data-testid `id`. */
export async function waitForCount(browser, id, n, timeout = UI_TIMEOUT) {
  let seen;
  await waitFor(
    browser,
    `${n} × [data-testid="${id}"]`,
    async () => (seen = await countNow(browser, id)) === n,
    timeout,
  ).catch((err) => {
    err.message += ` (saw ${seen})`;
    throw err;
  });
}

/**
 * The text a user sees in `el` (innerText, trimmed). Not WebDriver's getText(): WebKitWebDriver
 * returns "" for some visible elements (e.g. the ellipsised workspace name), see README.
 */
export async function textOf(el) {
  return String(await el.getProperty('innerText')).trim();
}

/** Waits until the text of `[data-testid=id]` satisfies `pred` (string = equals after trimming, RegExp = matches). */
export async function waitForText(browser, id, pred, timeout = UI_TIMEOUT) {
  const test = typeof pred === 'string' ? (t) => t === pred : pred instanceof RegExp ? (t) => pred.test(t) : pred;
  let seen;
  try {
    await browser.waitUntil(
      async () => {
        const els = await browser.$$(sel(id));
        if (!els.length) return false;
        seen = await textOf(els[0]);
        return test(seen);
      },
      { timeout, interval: 100 },
    );
  } catch {
    throw new Error(`[data-testid="${id}"] text: expected ${pred}, last seen ${JSON.stringify(seen)} (after ${timeout} ms)`);
  }
  return seen;
}

/** Types into an input/textarea like a user: focus, select all, delete, type (Enter between lines). Fires real key/input events. */
export async function typeInto(browser, id, text) {
  const el = await byId(browser, id);
  await el.waitForDisplayed({ timeout: UI_TIMEOUT });
  await el.click();
  await clearField(browser, el);
  // A line break is typed as the Enter key: WebKitWebDriver drops a literal "\n" in typed text.
  if (text !== '') await el.addValue(text.replace(/\r?\n/g, '\uE007'));
  await waitFor(browser, `[data-testid="${id}"] to hold ${JSON.stringify(text)}`, async () => (await el.getValue()) === text);
  return el;
}

/** Empties a focused text field with keystrokes (Ctrl+A, Backspace), so the app sees input events. */
export async function clearField(browser, el) {
  if ((await el.getValue()) === '') return;
  await el.click();
  await browser.keys(['Control', 'a']);
  await browser.keys(['Backspace']);
  await waitFor(browser, 'the field to be empty', async () => (await el.getValue()) === '');
}

/**
 * Chooses the option with `value` in the select `[data-testid=id]` through WebDriver
 * (selectByAttribute clicks the <option>, which fires input + change like a user's choice).
 */
export async function choose(browser, id, value) {
  const el = await byId(browser, id);
  await el.waitForDisplayed({ timeout: UI_TIMEOUT });
  await el.selectByAttribute('value', value);
  await waitFor(browser, `[data-testid="${id}"] to have value ${value}`, async () => (await el.getValue()) === value);
  return el;
}

export async function click(browser, id) {
  const el = await byId(browser, id);
  await el.waitForClickable({ timeout: UI_TIMEOUT, timeoutMsg: `[data-testid="${id}"] never became clickable` });
  await el.click();
  return el;
}

/**
 * The uuids of the claim rows currently shown, in order. Read in one script call: the list
 * re-renders while a search settles, and element handles from $$ would go stale in between.
 */
export async function rowUuids(browser) {
  return browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="claim-row"]'), (r) => r.getAttribute('data-uuid')),
  );
}

/** How many elements with data-testid `id` there are right now (one script call, no stale handles). */
export async function countNow(browser, id) {
  return browser.execute((s) => document.querySelectorAll(s).length, sel(id));
}

/** The claim row with `uuid`. */
export async function row(browser, uuid) {
  const el = await browser.$(`${sel('claim-row')}[data-uuid="${uuid}"]`);
  await el.waitForExist({ timeout: UI_TIMEOUT, timeoutMsg: `no claim row for ${uuid}` });
  return el;
}

/** Fails the test if the app shows its error banner. */
export async function assertNoErrorBanner(browser) {
  const banners = await browser.$$(sel('error-banner'));
  if (banners.length) throw new Error(`the app shows an error banner: ${await banners[0].getText()}`);
}

/** The uuids of the source rows currently shown, in order (one script call, like rowUuids). */
export async function sourceRowUuids(browser) {
  return browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="source-row"]'), (r) => r.getAttribute('data-uuid')),
  );
}

/** The `data-state` of every excerpt anchor badge under `[data-testid=rootId]` (or the page), in order. */
export async function anchorStates(browser, rootId) {
  return browser.execute(
    (root) =>
      Array.from((root ? document.querySelector(root) : document)?.querySelectorAll('[data-testid="anchor-badge"]') ?? [], (b) =>
        b.getAttribute('data-state'),
      ),
    rootId ? sel(rootId) : null,
  );
}

/** With E2E_SCREENSHOT_DIR set, saves what the window shows now as `<name>.png` there (the folder is made if missing). */
export async function screenshot(browser, name) {
  const dir = process.env.E2E_SCREENSHOT_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await browser.saveScreenshot(join(dir, `${name}.png`));
}

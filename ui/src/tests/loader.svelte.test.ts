import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync } from 'svelte';
import { Loader } from '../lib/loader.svelte';

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A fetch whose every call waits for the test: `answer(i, v)` settles call i. */
function controlled<T>() {
  const calls: { args: unknown[]; d: ReturnType<typeof deferred<T>> }[] = [];
  const fetch = vi.fn((...args: unknown[]) => {
    const d = deferred<T>();
    calls.push({ args, d });
    return d.promise;
  });
  return { fetch, calls };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Loader', () => {
  it('starts with the initial value, then holds the answer', async () => {
    const l = new Loader(async (n: number) => `answer ${n}`, { initial: 'none' });
    expect(l.value).toBe('none');
    expect(l.loaded).toBe(false);
    const done = l.load(1);
    expect(l.loading).toBe(true);
    await done;
    expect(l.value).toBe('answer 1');
    expect(l.loading).toBe(false);
    expect(l.loaded).toBe(true);
    expect(l.error).toBeNull();
  });

  it('keeps only the latest ask: an older answer that comes late is dropped', async () => {
    const { fetch, calls } = controlled<string>();
    const l = new Loader(fetch, { initial: '' });
    const first = l.load();
    const second = l.load();
    calls[1].d.resolve('new');
    await second;
    expect(l.value).toBe('new');
    calls[0].d.resolve('old');
    await first;
    expect(l.value).toBe('new');
    expect(l.loading).toBe(false);
  });

  it('stays loading until the latest ask is answered', async () => {
    const { fetch, calls } = controlled<string>();
    const l = new Loader(fetch, { initial: '' });
    const first = l.load();
    l.load();
    calls[0].d.resolve('old');
    await first;
    expect(l.loading).toBe(true);
    expect(l.value).toBe('');
  });

  it('reports the latest ask’s failure, keeps the last answer, and drops stale failures', async () => {
    const onerror = vi.fn();
    const { fetch, calls } = controlled<string>();
    const l = new Loader(fetch, { initial: '', onerror });
    const ok = l.load();
    calls[0].d.resolve('rows');
    await ok;

    const stale = l.load();
    const latest = l.load();
    calls[1].d.reject(new Error('stale'));
    await stale;
    expect(onerror).not.toHaveBeenCalled();
    calls[2].d.reject(new Error('offline'));
    await latest;
    expect(onerror).toHaveBeenCalledOnce();
    expect(onerror).toHaveBeenCalledWith(new Error('offline'));
    expect(l.error).toEqual(new Error('offline'));
    expect(l.value).toBe('rows');
    expect(l.loading).toBe(false);

    const again = l.load();
    calls[3].d.resolve('back');
    await again;
    expect(l.error).toBeNull();
  });

  it('never rejects, even without onerror', async () => {
    const l = new Loader(() => Promise.reject(new Error('no')), { initial: 0 });
    await expect(l.load()).resolves.toBeUndefined();
    expect(l.error).toEqual(new Error('no'));
  });

  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('asap asks at once when idle; while an ask is on its way, the latest arguments wait for it', async () => {
    const { fetch, calls } = controlled<string>();
    const l = new Loader(fetch, { initial: '' });
    l.asap('b');
    expect(calls.map((c) => c.args)).toEqual([['b']]);
    l.asap('bi');
    l.asap('bil');
    // Nothing more is asked while 'b' is on its way.
    expect(calls).toHaveLength(1);
    calls[0].d.resolve('b');
    await settle();
    // The answer on its way is shown, then the latest question asked (the one between is skipped).
    expect(l.value).toBe('b');
    expect(calls.map((c) => c.args)).toEqual([['b'], ['bil']]);
    calls[1].d.resolve('bil');
    await settle();
    expect(l.value).toBe('bil');
    expect(l.loading).toBe(false);
  });

  it('load and cancel drop a waiting asap', async () => {
    const { fetch, calls } = controlled<string>();
    const l = new Loader(fetch, { initial: '' });
    l.asap('first');
    l.asap('typed');
    void l.load('now');
    calls[0].d.resolve('first');
    calls[1].d.resolve('now');
    await settle();
    expect(calls.map((c) => c.args)).toEqual([['first'], ['now']]);
    expect(l.value).toBe('now');
    const pending = l.load('again');
    l.asap('dropped');
    l.cancel();
    calls[2].d.resolve('again');
    await pending;
    await settle();
    expect(calls).toHaveLength(3);
  });

  it('set takes an answer got another way and drops asks still on their way', async () => {
    const { fetch, calls } = controlled<string>();
    const l = new Loader(fetch, { initial: '' });
    const pending = l.load();
    l.set('saved');
    expect(l.value).toBe('saved');
    expect(l.loading).toBe(false);
    expect(l.loaded).toBe(true);
    calls[0].d.resolve('before the save');
    await pending;
    expect(l.value).toBe('saved');
  });

  it('does not subscribe an effect that asks to what the fetch reads', () => {
    let query = $state('a');
    const fetch = vi.fn(async () => query);
    const l = new Loader(fetch, { initial: '' });
    let runs = 0;
    const stop = $effect.root(() => {
      $effect(() => {
        runs++;
        l.load();
      });
    });
    flushSync();
    query = 'b';
    flushSync();
    expect(runs).toBe(1);
    expect(fetch).toHaveBeenCalledOnce();
    stop();
  });
});

describe('Loader.refresh (the workspace changed)', () => {
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('asks at once when nothing is on its way', async () => {
    const { fetch, calls } = controlled<string>();
    const l = new Loader(fetch, { initial: '' });
    l.refresh();
    expect(calls).toHaveLength(1);
    calls[0].d.resolve('fresh');
    await settle();
    expect(l.value).toBe('fresh');
  });

  it('never has two asks on their way: refreshes while one is make one more ask after it, with the latest arguments', async () => {
    const { fetch, calls } = controlled<string>();
    const l = new Loader(fetch, { initial: '' });
    l.load('first');
    for (let i = 0; i < 20; i++) l.refresh(`again ${i}`);
    expect(calls).toHaveLength(1);
    // The answer read before the change is still shown, then asked again.
    calls[0].d.resolve('read before the change');
    await settle();
    expect(l.value).toBe('read before the change');
    expect(calls).toHaveLength(2);
    expect(calls[1].args).toEqual(['again 19']);
    calls[1].d.resolve('read after');
    await settle();
    expect(l.value).toBe('read after');
    expect(calls).toHaveLength(2);
    expect(l.loading).toBe(false);
  });

  it('a refresh waiting on an ask that `set` overtook still asks', async () => {
    const { fetch, calls } = controlled<string>();
    const l = new Loader(fetch, { initial: '' });
    l.load();
    l.refresh();
    l.set('saved');
    expect(calls).toHaveLength(2);
    calls[1].d.resolve('after the change');
    await settle();
    expect(l.value).toBe('after the change');
  });

  it('does nothing while an asap waits: that ask reads the change', async () => {
    const { fetch, calls } = controlled<string>();
    const l = new Loader(fetch, { initial: '' });
    l.asap('a');
    l.asap('ab');
    l.refresh('old');
    calls[0].d.resolve('a');
    await settle();
    expect(calls.map((c) => c.args)).toEqual([['a'], ['ab']]);
  });
});

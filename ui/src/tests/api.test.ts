import { describe, expect, it } from 'vitest';
import { mockIPC } from '@tauri-apps/api/mocks';
import { ApiFailure, createClaim, getClaim, listClaims, openExternal, toApiFailure, updateClaim } from '../lib/api';

const input = { text: 'x', summary: '', claimant: null, claimant_role: null, said_on: null, said_where: '', status: null, tags: [] };

describe('api layer', () => {
  it('turns a rejected ApiError into an ApiFailure keeping kind, message and field', async () => {
    mockIPC(() => {
      throw { kind: 'Validation', message: 'The claim needs its exact wording.', field: 'text' };
    });
    const err = await createClaim(input).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiFailure);
    expect(err).toBeInstanceOf(Error);
    const f = err as ApiFailure;
    expect(f.kind).toBe('Validation');
    expect(f.message).toBe('The claim needs its exact wording.');
    expect(f.field).toBe('text');
    expect(f.command).toBe('create_claim');
  });

  it('keeps kinds other than Validation, with no field', async () => {
    mockIPC(() => {
      throw { kind: 'NotFound', message: 'No claim with that id.', field: null };
    });
    const f = (await getClaim('nope').catch((e: unknown) => e)) as ApiFailure;
    expect(f.kind).toBe('NotFound');
    expect(f.field).toBeNull();
    expect(f.message).toBe('No claim with that id.');
  });

  it('turns an unknown object rejection into kind Unknown with plain words, not JSON', async () => {
    mockIPC(() => {
      throw { weird: { nested: true } };
    });
    const f = (await getClaim('x').catch((e: unknown) => e)) as ApiFailure;
    expect(f).toBeInstanceOf(ApiFailure);
    expect(f.kind).toBe('Unknown');
    expect(f.message).not.toMatch(/[{}]/);
    expect(f.message).not.toContain('weird');
    expect(f.message.length).toBeGreaterThan(10);
  });

  it('turns a thrown Error into plain words without its stack', async () => {
    mockIPC(() => {
      const e = new TypeError('boom');
      e.stack = 'TypeError: boom\n    at invoke (core.js:12:3)\n    at call (index.ts:40:5)';
      throw e;
    });
    const f = (await getClaim('x').catch((e: unknown) => e)) as ApiFailure;
    expect(f.kind).toBe('Unknown');
    expect(f.message).not.toContain('at invoke');
    expect(f.message).not.toContain('\n');
  });

  it('keeps a short string rejection readable and drops a multi-line one', () => {
    const a = toApiFailure('command list_claims not allowed');
    expect(a.kind).toBe('Unknown');
    expect(a.message).toContain('command list_claims not allowed');
    const b = toApiFailure('panicked at src/x.rs:1:1\nstack backtrace:\n  0: foo');
    expect(b.message).not.toContain('backtrace');
  });

  it('passes arguments under the Rust parameter names', async () => {
    const seen: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return cmd === 'list_claims' ? { items: [], next_cursor: null, total: 0, total_exact: true } : {};
    });
    await listClaims({ search: 'aid', status: null, limit: 50, cursor: null });
    await updateClaim('u-1', input);
    expect(seen[0]).toEqual(['list_claims', { query: { search: 'aid', status: null, limit: 50, cursor: null } }]);
    expect(seen[1]).toEqual(['update_claim', { uuid: 'u-1', input }]);
  });

  it('opens only http(s) addresses, through the opener plugin', async () => {
    const seen: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
    });
    await openExternal('https://example.org/a');
    expect(seen).toHaveLength(1);
    expect(seen[0][0]).toBe('plugin:opener|open_url');
    expect((seen[0][1] as { url: string }).url).toBe('https://example.org/a');
    await expect(openExternal('file:///etc/passwd')).rejects.toBeInstanceOf(ApiFailure);
    await expect(openExternal('javascript:alert(1)')).rejects.toBeInstanceOf(ApiFailure);
    expect(seen).toHaveLength(1);
  });
});

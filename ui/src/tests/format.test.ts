import { describe, expect, it } from 'vitest';
import { claimCount, statusActionLabel } from '../lib/format';

describe('status action labels', () => {
  it('names each move as a checker would say it', () => {
    expect(statusActionLabel('ready', 'published')).toBe('Publish');
    expect(statusActionLabel('new', 'archived')).toBe('Archive');
    expect(statusActionLabel('ready', 'in_review')).toBe('Send back to review');
    expect(statusActionLabel('archived', 'researching')).toBe('Reopen');
  });

  it('says a once-published claim is restored as published, not reopened as a draft', () => {
    expect(statusActionLabel('archived', 'published')).toBe('Restore as published');
  });
});

describe('claim count', () => {
  it('is exact, or a floor for a very common search', () => {
    expect(claimCount(1, true)).toBe('1 claim');
    expect(claimCount(12, true)).toBe('12 claims');
    expect(claimCount(2000, false)).toBe('2,000+ claims');
  });
});

import { describe, expect, it } from 'vitest';
import { changedWords, claimCount, statusActionLabel } from '../lib/format';

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

describe('changed words', () => {
  it('says which words a near match changes, and on which side', () => {
    expect(changedWords(['gun'], ['knife'])).toBe('“gun” where yours says “knife”');
    expect(changedWords(['council'], [])).toBe('it adds “council”');
    expect(changedWords([], ['military', 'only'])).toBe('yours adds “military”, “only”');
    expect(changedWords([], [])).toBe('');
    expect(changedWords()).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { contactHoursText, displayName, longDate } from './certificate.ts';

describe('displayName: the LMS learner name as a certificate prints it', () => {
  it.each([
    ['Doe, Jane', 'Jane Doe'],
    ['Doe,Jane', 'Jane Doe'],
    ['  Doe ,   Jane  Marie ', 'Jane Marie Doe'],
    ["O'Brien-Smith, Siobhán", "Siobhán O'Brien-Smith"],
    ['Jane Doe', 'Jane Doe'],
    ['Doe, Jane, RN', 'Doe, Jane, RN'],
    ['Doe,', 'Doe'],
    [', Jane', 'Jane'],
    ['Doe,\n\tJane', 'Jane Doe'],
    ['', ''],
    ['   ', ''],
  ])('%j -> %j', (lms, shown) => {
    expect(displayName(lms)).toBe(shown);
  });

  it('keeps markup as plain text (the certificate renders it as text, never as HTML)', () => {
    expect(displayName('<b>Doe</b>, <img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)> <b>Doe</b>');
  });
});

describe('certificate wording', () => {
  it('writes the completion date as a US long date without a time-zone shift', () => {
    expect(longDate('2026-11-14')).toBe('November 14, 2026');
    expect(longDate('2026-01-01')).toBe('January 1, 2026');
  });

  it('writes contact hours in the singular only for exactly one hour', () => {
    expect(contactHoursText(1)).toBe('1 contact hour');
    expect(contactHoursText(1.25)).toBe('1.25 contact hours');
    expect(contactHoursText(0.5)).toBe('0.5 contact hours');
  });
});

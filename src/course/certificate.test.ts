import { describe, expect, it } from 'vitest';
import {
  contactHoursText,
  displayName,
  LICENCE_NUMBER_MAX,
  licenceProblems,
  longDate,
  stateName,
  US_STATES,
} from './certificate.ts';

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

describe('the licence on the certificate', () => {
  it('accepts both parts or neither', () => {
    expect(licenceProblems({ number: '', state: '' })).toEqual({});
    expect(licenceProblems({ number: 'RN-123456', state: 'OH' })).toEqual({});
    expect(licenceProblems({ number: ' 095123456 ', state: 'PR' })).toEqual({});
    expect(licenceProblems({ number: 'R'.repeat(LICENCE_NUMBER_MAX), state: 'MP' })).toEqual({});
  });

  it.each([
    [
      { number: 'RN 123', state: 'OH' },
      { number: expect.stringMatching(/^Use only letters, digits and single hyphens/) },
    ],
    [{ number: 'RN--1', state: 'OH' }, { number: expect.stringMatching(/^Use only letters/) }],
    [{ number: '-RN1', state: 'OH' }, { number: expect.stringMatching(/^Use only letters/) }],
    [{ number: 'RN1.2', state: 'OH' }, { number: expect.stringMatching(/^Use only letters/) }],
    [{ number: 'R'.repeat(21), state: 'OH' }, { number: 'Use at most 20 characters.' }],
    [{ number: 'RN1', state: '' }, { state: 'Choose the state or territory that issued this licence.' }],
    [{ number: '', state: 'OH' }, { number: 'Enter the licence number, or choose no state.' }],
    [{ number: 'RN1', state: 'XX' }, { state: 'Choose a state or territory from the list.' }],
  ])('%j: %j', (licence, problems) => {
    expect(licenceProblems(licence)).toEqual(problems);
  });

  it('lists the 50 states, DC and the 5 inhabited territories, by name', () => {
    expect(US_STATES).toHaveLength(56);
    expect(new Set(US_STATES.map(([code]) => code)).size).toBe(56);
    expect(stateName('DC')).toBe('District of Columbia');
    expect(stateName('ZZ')).toBe('');
  });
});

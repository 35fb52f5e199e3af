// The administrator's settings in course.yaml beyond the engine's own: provider, accreditation statement and
// contact hours, with placeholders that warn (not fail) until real values are written.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SETTING_PLACEHOLDERS, settingsSchema } from '../../tools/content/schemas.ts';
import { readPackageSettings, settingsPlaceholders } from '../../tools/package/settings.ts';

const ROOT = join(import.meta.dirname, '../..');
const BASE = {
  id: 'c',
  version: '1.0.0',
  title: 'T',
  passMark: 80,
  attemptLimit: 0,
  navigation: 'free',
  releaseDate: '2026-12-01',
  expiryDate: '2028-11-25',
};

const tmp = mkdtempSync(join(tmpdir(), 'course-settings-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function yamlFile(text: string): string {
  const path = join(tmp, `course-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, text);
  return path;
}

describe('course.yaml CE settings', () => {
  it('left out: placeholders and computed contact hours', () => {
    const s = settingsSchema.parse(BASE);
    expect(s).toMatchObject({ ...SETTING_PLACEHOLDERS, contactHours: null, scorm12Status: 'passed-incomplete' });
  });

  it.each([0, 0.25, 1.25, 3, null])('contactHours %s is accepted', (hours) => {
    expect(settingsSchema.parse({ ...BASE, contactHours: hours }).contactHours).toBe(hours);
  });

  it.each([1.1, -0.25, '1.25'])('contactHours %j is rejected with a message that says how to fix it', (hours) => {
    const result = settingsSchema.safeParse({ ...BASE, contactHours: hours });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe(
      'must be a number of hours, 0 or more, in steps of 0.25 (e.g. 1.25), or null to compute it',
    );
  });

  it.each([
    ['12/01/2026', 'must be a date written as YYYY-MM-DD'],
    ['2026-02-30', 'is not a real date'],
  ])('releaseDate %j is rejected with the date message every content file uses', (date, message) => {
    const result = settingsSchema.safeParse({ ...BASE, releaseDate: date });
    expect(result.error?.issues.map((i) => i.message)).toEqual([message]);
  });

  it('an empty provider name is an error, not a placeholder', () => {
    expect(settingsSchema.safeParse({ ...BASE, providerName: ' ' }).success).toBe(false);
  });
});

describe('settingsPlaceholders (the build warning)', () => {
  it('names every setting still in [brackets], written or defaulted', () => {
    const path = yamlFile(
      [
        'id: c',
        'version: "1"',
        'title: T',
        'passMark: 80',
        'attemptLimit: 0',
        'navigation: free',
        'releaseDate: 2026-12-01',
        'expiryDate: 2028-11-25',
        'providerName: "[Your provider]"',
        '',
      ].join('\n'),
    );
    expect(settingsPlaceholders(path)).toEqual([
      { field: 'providerName', value: '[Your provider]' },
      { field: 'providerAddress', value: SETTING_PLACEHOLDERS.providerAddress },
      { field: 'accreditationStatement', value: SETTING_PLACEHOLDERS.accreditationStatement },
      { field: 'activityId', value: SETTING_PLACEHOLDERS.activityId },
    ]);
  });

  it('is empty once real values are written', () => {
    const path = yamlFile(
      [
        'id: c',
        'version: "1"',
        'title: T',
        'passMark: 80',
        'attemptLimit: 0',
        'navigation: free',
        'releaseDate: 2026-12-01',
        'expiryDate: 2028-11-25',
        'providerName: Example Health Education',
        'providerAddress: 1 Example Street, Springfield; example.org',
        'activityId: EX-2026-001',
        'accreditationStatement: Example is accredited [by X].',
        'contactHours: 1.5',
        '',
      ].join('\n'),
    );
    expect(settingsPlaceholders(path)).toEqual([]);
  });

  it('the project course.yaml is valid and its placeholders are the documented ones', () => {
    const text = readFileSync(join(ROOT, 'course.yaml'), 'utf8');
    for (const field of ['providerName', 'accreditationStatement', 'contactHours'])
      expect(text).toMatch(new RegExp(`^${field}:`, 'm'));
    // Either still the shipped placeholders (a warning at build time) or real values (no warning).
    for (const { field, value } of settingsPlaceholders(join(ROOT, 'course.yaml'))) {
      expect(value).toBe(SETTING_PLACEHOLDERS[field as keyof typeof SETTING_PLACEHOLDERS]);
    }
  });
});

describe('course.yaml for packaging: the same schema as the content check', () => {
  function courseYaml(change: (text: string) => string): string {
    return yamlFile(change(readFileSync(join(ROOT, 'course.yaml'), 'utf8')));
  }

  it('refuses an id the zip names cannot use, with the file, line and the same words as the content check', () => {
    const file = courseYaml((t) => t.replace(/^id: .*$/m, 'id: Stem_Cell_Course'));
    const line =
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('id:')) + 1;
    const name = file.split('/').at(-1);
    expect(() => readPackageSettings(file)).toThrow(
      `${name}:${line}: field "id" must start with a lowercase letter and use only lowercase letters, digits and "-" (it names the zip files)`,
    );
    expect(settingsSchema.safeParse({ ...BASE, id: 'Stem_Cell_Course' }).success).toBe(false);
  });

  it('reads the settings of the project file', () => {
    expect(readPackageSettings(courseYaml((t) => t)).id).toBe('stem-cell-pain-course');
  });
});

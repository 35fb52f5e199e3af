/**
 * The CE activity data (issue 12) in the content build: the expiry warning 60 days ahead, disclosures and practice
 * gap placeholders as warnings, and the baseline bank's rules (objective of a module, no posttest prompt repeated).
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCourse, ContentError } from '../../tools/content/compile.ts';

const ROOT = process.cwd();
const VALID = join(import.meta.dirname, '../fixtures/content/valid');

function fixtureWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ce-activity-'));
  cpSync(VALID, dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

const warningsOn = (root: string, today: string) => {
  const found: string[] = [];
  compileCourse(root, { today, warn: (m) => found.push(m) });
  return found;
};

describe('the activity dates', () => {
  const expiry = compileCourse(ROOT, { today: '2026-12-01' }).settings.expiryDate;
  const daysBefore = (n: number) =>
    new Date(Date.parse(`${expiry}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  const expiryWarnings = (today: string) =>
    warningsOn(ROOT, today).filter((m) => m.startsWith('course.yaml:1: WARNING'));

  it('warns from 60 days before the expiry date, and after it, but not earlier', () => {
    expect(expiryWarnings(daysBefore(61))).toEqual([]);
    expect(expiryWarnings(daysBefore(60))).toEqual([
      `course.yaml:1: WARNING: the activity expires on ${expiry}, in 60 days: review the content and set a new expiryDate`,
    ]);
    expect(expiryWarnings(daysBefore(-1))[0]).toMatch(
      /the activity expired on .*: learners can read it, but it awards no contact hours/,
    );
  });

  it('the project course shows its dates, disclosures and practice gap before any content, and warns while placeholders remain', () => {
    const warnings: string[] = [];
    const course = compileCourse(ROOT, { today: '2026-12-01', warn: (m) => warnings.push(m) });
    const disclosures = course.ce!.intro.find((s) => s.id === 'disclosures')!.html;
    expect(disclosures).toContain('data-ce="released"');
    expect(disclosures).toContain('data-ce="expires"');
    expect(disclosures).toContain('Nurse planner:');
    expect(disclosures).toContain('Commercial support:');
    expect(disclosures).toContain('Joint providership:');
    expect(course.ce!.intro.find((s) => s.id === 'about')!.html).toContain('data-practice-gap');
    expect(course.ce!.practiceGap.evidence.filter((e) => /class="cite"/.test(e)).length).toBeGreaterThanOrEqual(3);
    // Real names are not known yet: every placeholder warns with file and line.
    expect(warnings.filter((w) => w.startsWith('content/disclosures.yaml:')).length).toBeGreaterThanOrEqual(4);
  });
});

describe('the baseline bank', () => {
  const bank = (prompt: string, objective = 'm1-o1', id = 'pre-m1-1') =>
    [
      'questions:',
      `  - id: ${id}`,
      '    type: single',
      `    objective: ${objective}`,
      `    prompt: ${prompt}`,
      '    options:',
      '      - { id: a, text: one }',
      '      - { id: b, text: two }',
      '      - { id: c, text: three }',
      '    answer: a',
      '    rationale: It is one [R1].',
      '',
    ].join('\n');

  it('compiles into the course, separate from the posttest banks', () => {
    const course = compileCourse(
      fixtureWith({ 'content/pre-assessment.yaml': bank('How long before pain is chronic?') }),
    );
    expect(course.baseline?.questions.map((q) => q.id)).toEqual(['pre-m1-1']);
    expect(course.modules.flatMap((m) => m.quiz.questions.map((q) => q.id))).not.toContain('pre-m1-1');
  });

  it('rejects a prompt that repeats a posttest prompt, and an objective of no module', () => {
    const problems = (text: string) => {
      try {
        compileCourse(fixtureWith({ 'content/pre-assessment.yaml': text }));
        return [];
      } catch (error) {
        return (error as ContentError).problems;
      }
    };
    expect(problems(bank('Chronic pain lasts longer than'))).toEqual([
      'content/pre-assessment.yaml:5: question "pre-m1-1": repeats the prompt of posttest item "m1-q1": a baseline item must not give away a posttest item',
    ]);
    expect(problems(bank('Anything?', 'm9-o1', 'pre-m9-1'))).toEqual([
      'content/pre-assessment.yaml:4: question "pre-m9-1": objective "m9-o1" is not an objective of any module',
    ]);
  });
});

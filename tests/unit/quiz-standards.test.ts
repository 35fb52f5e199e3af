/**
 * The item-writing standards (tools/content/quiz-standards.ts): each cue check and each bank measure with a
 * fixture that passes and one that fails, the messages as the build prints them (file, line, item), and the
 * course's own banks against the course's standards.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileCourse, ContentError } from '../../tools/content/compile.ts';
import {
  bankProblems,
  bankStats,
  COURSE_QUIZ_STANDARDS as S,
  formatStats,
  itemProblems,
  keyIsLongest,
  nearDuplicates,
  type BankStats,
} from '../../tools/content/quiz-standards.ts';
import type { QuestionInput } from '../../tools/content/schemas.ts';

const PROJECT = join(import.meta.dirname, '../..');
const VALID = join(import.meta.dirname, '../fixtures/content/valid');

function single(options: string[], answer = 'a', extra: Partial<QuestionInput> = {}): QuestionInput {
  return {
    id: 'm1-q1',
    type: 'single',
    objective: 'm1-o1',
    prompt: 'Which is right?',
    options: options.map((text, i) => ({ id: 'abcdef'[i]!, text })),
    answer,
    rationale: 'Because [R1].',
    ...extra,
  };
}
const messages = (q: QuestionInput) => itemProblems(q, S).map((p) => p.message);

describe('cue checks per item', () => {
  it('flags a single-choice key much longer than every other option, not one a little longer', () => {
    const long = single([
      'Exercise, weight management and a self-management programme',
      'Rest',
      'Glucosamine',
      'Surgery',
    ]);
    expect(messages(long)).toEqual([
      expect.stringMatching(/^the key, 59 characters, is 5\.4 times the longest other option \(11\)/),
    ]);
    expect(itemProblems(long, S)[0]!.path).toEqual(['options', 0, 'text']);
    // Longest, but within 1.5 times: counted in the bank's key-is-longest share, not an item problem.
    const slightly = single([
      'Pain that limits life or work on most days',
      'Pain rated 8 or more out of 10',
      'Pain for a year',
      'Pain needing opioids',
    ]);
    expect(messages(slightly)).toEqual([]);
    expect(keyIsLongest(slightly)).toBe(true);
    // Short options: twice as long but only a few characters more is no cue.
    expect(messages(single(['3 months', '6 weeks', '1 year', '2 days']))).toEqual([]);
  });

  it('counts a key as longest only when it is strictly longer than every other option', () => {
    expect(keyIsLongest(single(['Same length', 'Same length', 'Shorter']))).toBe(false);
    expect(keyIsLongest(single(['Short', 'The longest option here', 'Middle one'], 'b'))).toBe(true);
    expect(keyIsLongest(single(['Short', 'The longest option here', 'Middle one'], 'a'))).toBe(false);
  });

  it('flags "all of the above" and "none of the above" in any option', () => {
    const q = single(['Exercise', 'Weight loss', 'All of the above'], 'c');
    expect(messages(q)).toEqual([expect.stringContaining('says "All of the above"')]);
    expect(itemProblems(q, S)[0]!.path).toEqual(['options', 2, 'text']);
    expect(messages(single(['None of these', 'Exercise', 'Rest']))).toEqual([
      expect.stringContaining('"None of these"'),
    ]);
    expect(messages(single(['Above the knee', 'Below the knee', 'At the knee']))).toEqual([]);
  });

  it('flags absolute words in true/false statements, and only in true/false statements', () => {
    const tf = (prompt: string): QuestionInput => ({
      id: 'm1-q2',
      type: 'truefalse',
      objective: 'm1-o1',
      prompt,
      answer: false,
      rationale: 'See [R1].',
    });
    for (const word of ['always', 'never', 'all', 'no one', 'need not', 'only', 'every', 'cannot']) {
      expect(messages(tf(`Stem cell injections ${word} help.`)), word).toEqual([
        expect.stringContaining(`absolute word "${word}"`),
      ]);
    }
    expect(messages(tf('Nociplastic pain can coexist with nociceptive pain.'))).toEqual([]);
    // "overall" and "finally" contain "all" but are not the word.
    expect(messages(tf('Overall, the evidence is finally clearer.'))).toEqual([]);
    expect(messages(single(['Only exercise', 'Rest', 'Surgery']))).toEqual([]);
  });

  it('flags multiple-select items that key most options or leave fewer than two unkeyed', () => {
    const multiple = (n: number, keyed: string[]): QuestionInput => ({
      ...single(Array.from({ length: n }, (_, i) => `Option ${i}`)),
      type: 'multiple',
      answer: keyed,
    });
    expect(messages(multiple(5, ['a', 'b', 'c']))).toEqual([]);
    expect(messages(multiple(5, ['a', 'b', 'c', 'd']))).toEqual([expect.stringContaining('keys 4 of 5 options')]);
    expect(messages(multiple(4, ['a', 'b', 'c']))).toEqual([expect.stringContaining('keys 3 of 4 options')]);
    expect(messages(multiple(3, ['a']))).toEqual([]);
    expect(messages(multiple(3, ['a', 'b']))).toEqual([expect.stringContaining('keys 2 of 3 options')]);
    expect(itemProblems(multiple(4, ['a', 'b', 'c']), S)[0]!.path).toEqual(['answer']);
  });
});

describe('near-duplicate stems', () => {
  it('finds a stem that repeats an earlier one with small changes, and leaves different questions alone', () => {
    const stems = [
      { id: 'm1-q1', prompt: 'Which drug is approved by the FDA for knee osteoarthritis pain in adults?' },
      { id: 'm1-q2', prompt: 'What does high-impact chronic pain mean in CDC surveys?' },
      { id: 'm2-q1', prompt: 'Which drug is FDA-approved for knee osteoarthritis pain in adults?' },
      { id: 'm2-q2', prompt: 'Which questions should a patient ask a stem cell clinic?' },
    ];
    const found = nearDuplicates(stems, S);
    expect(found.map((d) => [d.item.id, d.earlier.id])).toEqual([['m2-q1', 'm1-q1']]);
    expect(found[0]!.similarity).toBeGreaterThanOrEqual(S.maxStemSimilarity);
  });
});

describe('bank measures', () => {
  const stats = (over: Partial<BankStats>): BankStats => ({
    module: 'm1',
    items: 20,
    perObjective: [
      ['m1-o1', 5],
      ['m1-o2', 5],
      ['m1-o3', 5],
      ['m1-o4', 5],
    ],
    application: 10,
    levelled: 20,
    single: 12,
    keyLongest: 4,
    trueFalse: 5,
    multiple: 3,
    ...over,
  });

  it('passes a bank exactly at every threshold', () => {
    expect(bankProblems(stats({}), S)).toEqual([]);
  });

  it('fails a bank just past each threshold, with a message that says the limit', () => {
    const one = (over: Partial<BankStats>) => bankProblems(stats(over), S).map((p) => p.message);
    expect(one({ items: 19, trueFalse: 4 })).toEqual([
      expect.stringContaining('19 questions; a bank needs at least 20'),
    ]);
    expect(one({ application: 9 })).toEqual([
      expect.stringContaining('9 of 20 questions (45%) are at application level; at least 50%'),
    ]);
    expect(one({ keyLongest: 5 })).toEqual([
      expect.stringContaining('in 5 of 12 single-choice questions (42%) the key is the longest option; at most 35%'),
    ]);
    expect(one({ trueFalse: 6 })).toEqual([
      expect.stringContaining('6 of 20 questions (30%) are true/false; at most 25%'),
    ]);
    expect(one({ levelled: 19 })).toEqual([expect.stringContaining('1 question(s) do not say their level')]);
    const objective = bankProblems(stats({ perObjective: [['m1-o1', 4]] }), S);
    expect(objective).toEqual([
      {
        at: { objective: 'm1-o1' },
        message: expect.stringContaining('measured by 4 questions; each objective needs at least 5'),
      },
    ]);
  });

  it('counts items, objectives, levels, key-is-longest and true/false from the questions', () => {
    const qs: QuestionInput[] = [
      single(['The long key option', 'Short', 'Other'], 'a', { level: 'application' }),
      single(['Short', 'The long distractor', 'Other'], 'a', { level: 'recall', objective: 'm1-o2' }),
      {
        id: 'm1-q3',
        type: 'truefalse',
        level: 'recall',
        objective: 'm1-o2',
        prompt: 'Pain is common.',
        answer: true,
        rationale: 'Yes [R4].',
      },
    ];
    const b = bankStats('m1', ['m1-o1', 'm1-o2', 'm1-o3'], qs);
    expect(b).toEqual({
      module: 'm1',
      items: 3,
      perObjective: [
        ['m1-o1', 1],
        ['m1-o2', 2],
        ['m1-o3', 0],
      ],
      application: 1,
      levelled: 3,
      single: 2,
      keyLongest: 1,
      trueFalse: 1,
      multiple: 0,
    });
    expect(formatStats(b)).toBe(
      'm1 quiz  3 items  per objective: m1-o1 1, m1-o2 2, m1-o3 0  application 1/3 (33%)  key longest 1/2 single-choice (50%)  true/false 1/3 (33%)',
    );
  });
});

describe('the build applies the standards with file, line and item', () => {
  const temps: string[] = [];
  afterEach(() => {
    for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A bank for the fixture's module 2 (one objective) with 20 sound questions, `change` applied to question 5. */
  function bank(change: (q: Record<string, unknown>) => void): string {
    const questions = Array.from({ length: 20 }, (_, i) => {
      const q: Record<string, unknown> = {
        id: `m2-q${i + 1}`,
        type: 'single',
        level: i % 2 ? 'recall' : 'application',
        objective: 'm2-o1',
        prompt: `Which choice suits scenario${i}x involving topic${i}y and detail${i}z?`,
        options: [
          { id: 'a', text: 'First option' },
          { id: 'b', text: 'Other option' },
          { id: 'c', text: 'Third option' },
        ],
        answer: 'b',
        rationale: 'Explained in the source [R1].',
      };
      if (i === 4) change(q);
      return q;
    });
    return JSON.stringify({ module: 'm2', draw: 3, questions }, null, 2);
  }

  function problems(change: (q: Record<string, unknown>) => void): string[] {
    const root = mkdtempSync(join(tmpdir(), 'standards-'));
    temps.push(root);
    cpSync(VALID, root, { recursive: true });
    writeFileSync(join(root, 'quizzes/02-second-look.yaml'), bank(change));
    try {
      compileCourse(root, { quizStandards: S });
    } catch (error) {
      if (error instanceof ContentError) return error.problems.filter((p) => p.startsWith('quizzes/02'));
      throw error;
    }
    return [];
  }

  it('accepts a sound bank', () => {
    expect(problems(() => {})).toEqual([]);
  });

  it('names the file, the line of the offending text and the question', () => {
    const found = problems((q) => {
      q.options = [
        { id: 'a', text: 'First option' },
        { id: 'b', text: 'Other option' },
        { id: 'c', text: 'None of the above' },
      ];
    });
    // JSON is YAML: the bank above puts question 5's third option text on line 114.
    expect(found).toEqual([
      'quizzes/02-second-look.yaml:114: question "m2-q5": option "c": says "None of the above": write each option as a claim of its own (use a multiple-select question instead)',
    ]);
  });

  it('reports a near-duplicate stem on the later question, naming the earlier one and its line', () => {
    const found = problems((q) => (q.prompt = 'Which choice suits scenario0x involving topic0y and detail0z?'));
    expect(found).toEqual([
      expect.stringMatching(
        /^quizzes\/02-second-look\.yaml:\d+: question "m2-q5": prompt repeats question "m2-q1" \(quizzes\/02-second-look\.yaml:\d+, 100% the same words\)/,
      ),
    ]);
  });

  it('fails a bank below the application share on the bank, and an item without a level', () => {
    const found = problems((q) => delete q.level);
    expect(found).toEqual([
      expect.stringMatching(
        /^quizzes\/02-second-look\.yaml:\d+: quiz standards: 1 question\(s\) do not say their level/,
      ),
      expect.stringMatching(
        /^quizzes\/02-second-look\.yaml:\d+: quiz standards: 9 of 20 questions \(45%\) are at application level/,
      ),
    ]);
  });
});

describe("the course's own banks", () => {
  it('meet every standard: 20+ items, 5+ per objective, 50%+ application, no cues, and say so in the report', () => {
    let stats: BankStats[] = [];
    compileCourse(PROJECT, { quizStandards: S, onQuizStats: (s) => (stats = s) });
    expect(stats.map((b) => b.module)).toEqual(['m1', 'm2', 'm3', 'm4']);
    for (const b of stats) {
      expect(b.items).toBeGreaterThanOrEqual(20);
      for (const [, n] of b.perObjective) expect(n).toBeGreaterThanOrEqual(5);
      expect(b.application / b.items).toBeGreaterThanOrEqual(0.5);
      expect(b.keyLongest / b.single).toBeLessThanOrEqual(S.maxKeyLongestShare);
      expect(b.trueFalse / b.items).toBeLessThanOrEqual(S.maxTrueFalseShare);
    }
  });
});

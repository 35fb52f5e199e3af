import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correctOptions, possibleAnswers } from './answer-key.ts';
import { attemptDraw, drawAttempt, isCorrect, isPassing, scorePercent } from './quiz.ts';
import { tinyCourse } from './tiny-course.fixture.ts';

const bank = tinyCourse().modules[0]!.quiz;

describe('drawAttempt', () => {
  it('draws the configured number of distinct questions', () => {
    const drawn = drawAttempt(bank, 42);
    expect(drawn).toHaveLength(2);
    expect(new Set(drawn.map((d) => d.question.id)).size).toBe(2);
  });

  it('gives the same questions and option order for the same seed (resume shows the same attempt)', () => {
    const ids = (seed: number) => drawAttempt(bank, seed).map((d) => `${d.question.id}:${d.optionOrder.join('')}`);
    expect(ids(7)).toEqual(ids(7));
  });

  it('varies the draw and the option order across seeds', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 50; seed++) {
      seen.add(
        drawAttempt(bank, seed)
          .map((d) => `${d.question.id}:${d.optionOrder.join('')}`)
          .join('|'),
      );
    }
    expect(seen.size).toBeGreaterThan(5);
  });

  it('keeps the written order of fixed-order and true/false questions', () => {
    const fixed = { ...bank, draw: 3, questions: bank.questions.map((q) => ({ ...q, fixedOrder: true })) };
    for (let seed = 0; seed < 20; seed++) {
      for (const d of drawAttempt(fixed, seed)) expect(d.optionOrder).toEqual(d.question.options.map((o) => o.id));
    }
  });
});

describe('scoring', () => {
  const [single, multiple] = bank.questions;
  it('marks a multiple-select answer correct only when it is exactly the correct set', () => {
    expect(isCorrect(multiple!, ['a', 'c'])).toBe(true);
    expect(isCorrect(multiple!, ['c', 'a'])).toBe(true);
    expect(isCorrect(multiple!, ['a'])).toBe(false);
    expect(isCorrect(multiple!, ['a', 'b', 'c'])).toBe(false);
    expect(isCorrect(multiple!, ['a', 'a'])).toBe(false);
    expect(isCorrect(single!, null)).toBe(false);
  });

  it('scores a percentage of correct answers and compares it with the pass mark', () => {
    const drawn = [
      { question: single!, optionOrder: ['a', 'b', 'c'] },
      { question: multiple!, optionOrder: ['a', 'b', 'c'] },
    ];
    expect(scorePercent(drawn, [['b'], ['a', 'c']])).toBe(100);
    expect(scorePercent(drawn, [['b'], ['a']])).toBe(50);
    expect(isPassing(80, 80)).toBe(true);
    expect(isPassing(79, 80)).toBe(false);
  });
});

describe('draws that cover the module (property-based, random banks)', () => {
  /** A bank of `sizes[k]` questions for objective k, drawing `draw`. */
  const bankArb = fc
    .array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 6 })
    .chain((sizes) => {
      const total = sizes.reduce((a, b) => a + b, 0);
      return fc.record({
        sizes: fc.constant(sizes),
        draw: fc.integer({ min: sizes.length, max: total }),
        seed: fc.integer(),
        avoidMask: fc.array(fc.boolean(), { minLength: total, maxLength: total }),
      });
    })
    .map(({ sizes, draw, seed, avoidMask }) => {
      const questions = sizes.flatMap((n, k) =>
        Array.from({ length: n }, (_, i) => ({
          ...bank.questions[0]!,
          id: `m1-q${k * 10 + i + 1}`,
          objective: `m1-o${k + 1}`,
        })),
      );
      const avoid = new Set(questions.filter((_, i) => avoidMask[i]).map((q) => q.id));
      return { bank: { draw, questions }, objectives: sizes.map((_, k) => `m1-o${k + 1}`), seed, avoid };
    });

  it('asks at least one question per objective, draws exactly `draw` distinct questions, whatever is avoided', () => {
    fc.assert(
      fc.property(bankArb, ({ bank: b, objectives, seed, avoid }) => {
        const drawn = drawAttempt(b, seed, avoid);
        expect(drawn).toHaveLength(b.draw);
        expect(new Set(drawn.map((d) => d.question.id)).size).toBe(b.draw);
        expect(new Set(drawn.map((d) => d.question.objective))).toEqual(new Set(objectives));
      }),
      { numRuns: 500 },
    );
  });

  it('takes an avoided question only when the bank leaves no fresh one to take', () => {
    fc.assert(
      fc.property(bankArb, ({ bank: b, seed, avoid }) => {
        const drawn = drawAttempt(b, seed, avoid);
        const fresh = b.questions.filter((q) => !avoid.has(q.id));
        const reused = drawn.filter((d) => avoid.has(d.question.id));
        if (reused.length === 0) return;
        // Something was reused: then every fresh question was taken, or the reuse was needed for an objective
        // whose questions are all avoided.
        const objectivesWithoutFresh = new Set(
          b.questions.map((q) => q.objective).filter((o) => !fresh.some((q) => q.objective === o)),
        );
        const allFreshTaken = fresh.every((q) => drawn.some((d) => d.question.id === q.id));
        expect(allFreshTaken || reused.every((d) => objectivesWithoutFresh.has(d.question.objective))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('derives each attempt from the seed alone: the same learner, module and attempt give the same questions and order', () => {
    fc.assert(
      fc.property(bankArb, fc.integer({ min: 1, max: 8 }), ({ bank: b, seed }, attempt) => {
        const show = (draw: ReturnType<typeof attemptDraw>) =>
          draw.map((d) => `${d.question.id}:${d.optionOrder.join('')}`);
        const first = show(attemptDraw(b, seed, 0, attempt));
        // A fresh copy of the bank (as after a reload) gives the same attempt without any cache.
        expect(show(attemptDraw({ ...b, questions: [...b.questions] }, seed, 0, attempt))).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the answer key travels as a hash', () => {
  it('scores a selection right exactly when it is the key, and recovers the key after submission', () => {
    const [single, multiple, tf] = bank.questions;
    expect(correctOptions(single!)).toEqual(['b']);
    expect(correctOptions(multiple!)).toEqual(['a', 'c']);
    expect(correctOptions(tf!)).toEqual(['f']);
    for (const q of bank.questions) {
      for (const answer of possibleAnswers(q)) {
        expect(isCorrect(q, answer)).toBe(answer.join() === correctOptions(q).join());
      }
      expect(JSON.stringify(q)).not.toMatch(/"correct"/);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { drawAttempt, isCorrect, isPassing, scorePercent } from './quiz.ts';
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

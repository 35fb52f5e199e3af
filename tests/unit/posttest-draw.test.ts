/**
 * The posttest draw as learners meet it: random learners (seeds) take the real course's quizzes (compiled from this
 * repository's banks) through the real statechart, failing and retrying at random. Every attempt must ask at least
 * one question per objective of its module, a retry must avoid the previous attempt's questions (the banks allow it),
 * and a resumed attempt (saved and restored through the suspend-data codec) must show the same questions in the
 * same order.
 */
import fc from 'fast-check';
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { compileCourse } from '../../tools/content/compile.ts';
import { correctOptions } from '../../src/course/answer-key.ts';
import { courseMachine } from '../../src/course/course.machine.ts';
import { drawnQuestions, type Rules } from '../../src/course/progress.ts';
import { decodeProgress, encodeProgress } from '../../src/course/saved-state.ts';

// These learners skip the baseline check before Module 1 (it has no bearing on the posttest draw).
const compiled = compileCourse(process.cwd());
const course = { ...compiled, settings: { ...compiled.settings, baselineSkippable: true } };
const rules: Rules = { passMark: 80, attemptLimit: 0, navigation: 'free' };
const show = (drawn: ReturnType<typeof drawnQuestions>) =>
  drawn.map((d) => `${d.question.id}:${d.optionOrder.join('')}`);

describe('posttest draws through the course statechart (real banks)', { timeout: 120_000 }, () => {
  it('every attempt covers every objective, a retry avoids the last attempt, and a resume shows the same attempt', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: course.modules.length - 1 }),
        // Per attempt, which of its questions the learner gets right (5 per attempt; up to 6 attempts).
        fc.array(fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        (learnerSeed, moduleIndex, attempts) => {
          const actor = createActor(courseMachine, { input: { course, rules, saved: null, learnerSeed } }).start();
          actor.send({ type: 'START' });
          actor.send({ type: 'SKIP_BASELINE' });
          actor.send({ type: 'OPEN_MODULE', module: moduleIndex });
          const module = course.modules[moduleIndex]!;
          for (let p = 0; p < module.pages.length; p++) actor.send({ type: 'NEXT' });
          actor.send({ type: 'START_QUIZ' });
          const objectives = module.objectives.map((o) => o.id).sort();
          let previous: string[] = [];
          for (const [n, rights] of attempts.entries()) {
            const { progress } = actor.getSnapshot().context;
            expect(actor.getSnapshot().value).toBe('question');
            expect(progress.modules[moduleIndex]!.attempt?.number).toBe(n + 1);
            const drawn = drawnQuestions(course, progress, moduleIndex);
            const ids = drawn.map((d) => d.question.id);
            expect(ids).toHaveLength(module.quiz.draw);
            expect([...new Set(drawn.map((d) => d.question.objective))].sort()).toEqual(objectives);
            expect(ids.filter((id) => previous.includes(id))).toEqual([]);

            // Leave mid-attempt and come back: the same questions, in the same order, with the same option order.
            const restored = decodeProgress(course, encodeProgress(course, progress)).progress;
            expect(show(drawnQuestions(course, restored, moduleIndex))).toEqual(show(drawn));

            drawn.forEach((d, i) => {
              const key = correctOptions(d.question);
              const wrong = d.question.options.map((o) => o.id).find((id) => !key.includes(id))!;
              actor.send({ type: 'ANSWER', selected: rights[i] ? key : [wrong] });
              actor.send({ type: 'NEXT' });
            });
            actor.send({ type: 'SUBMIT' });
            expect(actor.getSnapshot().value).toBe('result');
            const after = actor.getSnapshot().context.progress.modules[moduleIndex]!;
            expect(after.attempt?.score).toBe(Math.round((rights.filter(Boolean).length / rights.length) * 100));
            if (after.passed) break;
            previous = ids;
            actor.send({ type: 'RETRY' });
          }
          actor.stop();
        },
      ),
      { numRuns: 150 },
    );
  });
});

/**
 * LMS modes and credit, both SCORM versions: in review, browse and no-credit sessions the learner can open every
 * module and try its quiz, a banner says which mode is active, and the course sends no status, score, objective
 * or interaction. A normal session with credit runs the same steps as the control: there they are sent. The quiz is
 * taken at a second launch, from saved progress with the module read. The real course start-up against the harness
 * LMS (scorm-again) in Node.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { modeNotice } from '../../src/ui/mode-notice.ts';
import { progressAt, savedState } from '../e2e/fixtures/progress.ts';
import { Device, course, setUpLms, tearDownLms, type LaunchOptions } from './fixtures/course-in-lms.ts';

beforeEach(setUpLms);
afterEach(tearDownLms);

/** Elements that carry the recorded result, per version (cmi.ts writes them; session.ts holds them back). */
const RESULT_ELEMENTS = {
  '12': /^cmi\.(core\.lesson_status|core\.score\.|objectives\.|interactions\.)/,
  '2004': /^cmi\.(completion_status|success_status|progress_measure|score\.|objectives\.|interactions\.)/,
};
const SET_VALUE = { '12': 'LMSSetValue', '2004': 'SetValue' };

const sessions: {
  mode: NonNullable<LaunchOptions['mode']>;
  credit: NonNullable<LaunchOptions['credit']>;
  label: string | null;
}[] = [
  { mode: 'review', credit: 'credit', label: 'Review mode' },
  { mode: 'browse', credit: 'credit', label: 'Browse mode' },
  { mode: 'normal', credit: 'no-credit', label: 'No-credit session' },
  { mode: 'normal', credit: 'credit', label: null }, // the control
];
const last = course.modules.length - 1;

for (const v of ['12', '2004'] as const) {
  describe(`SCORM ${v === '12' ? '1.2' : '2004'}`, () => {
    for (const { mode, credit, label } of sessions) {
      const recorded = label === null;
      it(`${mode} / ${credit}: ${recorded ? 'results are sent (control)' : 'every module and quiz open, nothing recorded, and a label says so'}`, () => {
        const banner = recorded
          ? null
          : `${label}: you can read everything and try the quizzes, but your results are not recorded.`;
        const device = new Device();
        const first = device.lms({ v, mode, credit });
        const firstCourse = first.launch();
        expect(modeNotice(firstCourse.running.launch)).toBe(banner);

        firstCourse.send({ type: 'START' });
        // The baseline check before Module 1: required when results are recorded, skippable when they are not.
        expect(firstCourse.can({ type: 'SKIP_BASELINE' })).toBe(!recorded);
        if (recorded) firstCourse.takeBaseline();
        else firstCourse.send({ type: 'SKIP_BASELINE' });
        const openLast = { type: 'OPEN_MODULE', module: last } as const;
        if (recorded) {
          expect(firstCourse.can(openLast)).toBe(false); // the others stay locked in order
          firstCourse.send({ type: 'OPEN_MODULE', module: 0 });
        } else {
          firstCourse.send(openLast); // course.yaml says sequential; these sessions read everything
        }
        const read = recorded ? 0 : last;
        expect([firstCourse.screen, firstCourse.progress.at.module, firstCourse.progress.at.page]).toEqual([
          'page',
          read,
          0,
        ]);
        firstCourse.pagehide(); // the learner leaves; the LMS's page closes

        // The next launch: the learner has read that module and takes its quiz.
        device.seed(v, { 'cmi.suspend_data': savedState(progressAt('quizIntro', read, { passed: 0 })).suspendData });
        const lms = device.lms({ v, mode, credit });
        const launched = lms.launch();
        expect(modeNotice(launched.running.launch)).toBe(banner);
        // "Resume: Module N quiz"
        expect([launched.progress.view, launched.progress.at.module]).toEqual(['quizIntro', read]);
        launched.send({ type: 'RESUME' }).send({ type: 'START_QUIZ' }).answerQuiz(true);
        expect(launched.screen).toBe('result');
        expect(launched.progress.modules[read]!.passed).toBe(true); // "You passed"
        launched.send({ type: 'EXIT' });
        expect(launched.screen).toBe('exited'); // "Your progress is saved"

        expect(lms.errors).toEqual([]);
        expect(lms.terminated).toBe(true);
        expect(first.errors).toEqual([]);
        const resultWrites = [...first.calls, ...lms.calls].filter(
          (c) => c.method === SET_VALUE[v] && RESULT_ELEMENTS[v].test(c.element),
        );
        if (recorded) {
          expect(resultWrites.map((c) => c.element)).toContain(
            v === '12' ? 'cmi.objectives.0.score.raw' : 'cmi.objectives.0.score.scaled',
          );
          expect(resultWrites.some((c) => /^cmi\.interactions\.\d+\.result$/.test(c.element))).toBe(true);
        } else {
          expect(resultWrites.map((c) => `${c.element}=${c.value}`)).toEqual([]);
          // What the LMS holds still says so: scorm-again's own initial values, untouched by the course.
          expect(lms.stored()?.cmi[v === '12' ? 'cmi.core.score.raw' : 'cmi.score.raw'] ?? '').toBe('');
        }
      });
    }
  });
}

/**
 * What a relaunch finds: untrustworthy suspend_data, a course updated between launches, the LMS's pass mark and a
 * learner who has finished. The real course start-up against the harness LMS (scorm-again) in Node, with the LMS's
 * record seeded as an earlier session would have left it; saved states are built with the course's own codec.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeProgress } from '../../src/course/saved-state.ts';
import { freshProgress } from '../../src/course/progress.ts';
import { NOTICE_FROM_LMS } from '../../src/lms/restore.ts';
import { progressAt, savedState } from '../e2e/fixtures/progress.ts';
import { VERSIONS, completedProgress, recordFor, results, type VersionInfo } from '../e2e/fixtures/records.ts';
import { Device, course, setUpLms, tearDownLms, type HarnessLms } from './fixtures/course-in-lms.ts';

beforeEach(setUpLms);
afterEach(tearDownLms);

const pageId = (m: number, p: number) => `${course.modules[m]!.id}/${course.modules[m]!.pages[p]!.id}`;

/** SCORM errors the course caused, leaving out those the harness injected on purpose. */
const courseErrors = (lms: HarnessLms) => lms.errors.filter((e) => !e.startsWith('[injected]'));

/**
 * SetValue calls of the last launch that change what the LMS held (`before`), other than the ones every session
 * sends (exit, session time, navigation request). Rewriting a value the LMS already has changes nothing.
 */
function changingWrites(lms: HarnessLms, before: Record<string, string>, { setValue, k }: VersionInfo) {
  const bookkeeping = new Set([k.exit, k.sessionTime, 'adl.nav.request']);
  return lms.calls
    .filter(
      (c) =>
        c.method === setValue &&
        c.session === lms.launches &&
        !bookkeeping.has(c.element) &&
        before[c.element] !== c.value,
    )
    .map((c) => `${c.element}=${c.value}`);
}

/** Every element the LMS held before still has its value. */
function expectKept(stored: Record<string, string>, before: Record<string, string>): void {
  expect(Object.fromEntries(Object.keys(before).map((element) => [element, stored[element]]))).toEqual(before);
}

// A finished learner who came back to reread module 3 (page 4): what the LMS holds besides suspend_data.
const finished = completedProgress();
const good = encodeProgress(course, finished);
const BAD_SUSPEND_DATA: [string, string][] = [
  ['empty', ''],
  ['random text', 'Lorem ipsum dolor sit amet, consectetur adipiscing elit'],
  ['truncated', good.slice(0, Math.floor(good.length / 2))],
  ['from a format version the course no longer reads', good.replace(/^\d+\|/, '0|')],
  [
    'from another course',
    encodeProgress({ ...course, settings: { ...course.settings, id: 'another-course' } }, finished),
  ],
];
const everyModulePassedWith100 = () => course.modules.map(() => ({ passed: true, best: 100 }));

for (const version of VERSIONS) {
  const { v, label, k } = version;
  describe(label, () => {
    it.each(BAD_SUSPEND_DATA)(
      'saved progress that is %s: no crash, a passed status stays passed, resumes from the LMS location and says so once',
      (_kind, text) => {
        const device = new Device();
        const seeded = recordFor(v, finished, pageId(2, 3), text);
        device.seed(v, seeded);
        const lms = device.lms({ v });
        const course1 = lms.launch();
        expect(course1.notices).toEqual([NOTICE_FROM_LMS]);
        // "Resume: Module 3, page 4"
        expect(course1.screen).toBe('resumePrompt');
        expect([course1.progress.view, course1.progress.at.module, course1.progress.at.page]).toEqual(['page', 2, 3]);
        course1.send({ type: 'RESUME' });
        expect([course1.screen, course1.progress.at.module, course1.progress.at.page]).toEqual(['page', 2, 3]);
        course1.send({ type: 'NEXT' });
        expect([course1.screen, course1.progress.at.page]).toEqual(['page', 4]);
        course1.send({ type: 'MENU' });
        // The menu: "Passed · best score 100%" on every module.
        expect(course1.screen).toBe('menu');
        expect(course1.progress.modules.map(({ passed, best }) => ({ passed, best }))).toEqual(
          everyModulePassedWith100(),
        );
        course1.send({ type: 'EXIT' });
        expect(course1.running.exitSaved()).toBe(true); // "Your progress is saved"
        expect(lms.terminated).toBe(true);
        const stored = lms.stored()!.cmi;
        expectKept(stored, results(seeded));
        expect(stored[k.status]).toBe('passed');
        expect(stored[k.location]).toBe('menu');
        expect(courseErrors(lms)).toEqual([]);

        // Said once: the next launch reads the suspend_data this session wrote, and says nothing.
        const course2 = lms.launch();
        expect(course2.screen).toBe('resumePrompt');
        expect(course2.progress.view).toBe('menu'); // "Resume: the course menu"
        expect(course2.notices).toEqual([]);
      },
    );

    it('the course was updated between launches: changed modules restart their pages, passes are kept, and the learner is told', () => {
      // Saved by the previous version of the course: modules 1 and 2 had other pages or questions then.
      const progress = completedProgress();
      progress.modules = progress.modules.map((m, i) =>
        i === 0
          ? m
          : {
              ...m,
              passed: false,
              best: null,
              attempts: 0,
              attempt: null,
              visited: m.visited.map((_, p) => i === 1 && p < 5),
            },
      );
      progress.evaluation = freshProgress(course, 1).evaluation;
      progress.view = 'page';
      progress.at = { module: 1, page: 4, question: 0 };
      const previous = {
        ...course,
        modules: course.modules.map((m, i) => (i < 2 ? { ...m, contentHash: `old0000${i}` } : m)),
      };
      const device = new Device();
      const seeded = recordFor(v, progress, pageId(1, 4), encodeProgress(previous, progress));
      device.seed(v, seeded);
      const lms = device.lms({ v });
      const launched = lms.launch();
      expect(launched.notices).toEqual([
        'Module 1 was updated since your last visit, so its pages start again. Your quiz results are kept.',
        'Module 2 was updated since your last visit, so its pages start again. Your quiz results are kept.',
      ]);
      launched.send({ type: 'RESUME' });
      expect(launched.screen).toBe('menu');
      // "Passed · best score 100%" once: module 1.
      expect(launched.progress.modules.filter((m) => m.passed && m.best === 100)).toHaveLength(1);
      launched.send({ type: 'OPEN_MODULE', module: 1 });
      expect([launched.screen, launched.progress.at.module, launched.progress.at.page]).toEqual(['page', 1, 0]);
      launched.send({ type: 'EXIT' });
      expect(launched.running.exitSaved()).toBe(true); // "Your progress is saved"
      expect(lms.terminated).toBe(true);
      const stored = lms.stored()!.cmi;
      expect(stored[k.objectiveStatus(0)]).toBe('passed');
      expect(stored[k.score]).toBe(seeded[k.score]);
      expect(courseErrors(lms)).toEqual([]);
    });

    for (const { mastery, right, passed } of [
      { mastery: 60, right: 3, passed: true }, // the course's own 80% would fail 60%
      { mastery: 100, right: 4, passed: false }, // ... and pass 80%
    ]) {
      it(`the LMS's pass mark ${mastery}% wins: ${right} of 5 right → "${passed ? 'You passed' : 'Not passed this time'}"`, () => {
        // The learner has read module 1 and starts its quiz (saved progress; the pass mark comes from the LMS).
        const device = new Device();
        device.seed(v, { 'cmi.suspend_data': savedState(progressAt('quizIntro', 0)).suspendData });
        const lms = device.lms({ v, mastery });
        const launched = lms.launch();
        // "you need 60% to pass" on the welcome screen, "(pass mark 60%)" on the result.
        expect(launched.snapshot.context.rules.passMark).toBe(mastery);
        launched.send({ type: 'RESUME' });
        expect(launched.screen).toBe('quizIntro'); // "Resume: Module 1 quiz"
        launched.send({ type: 'START_QUIZ' }).answerQuiz((i) => i < right);
        expect(launched.screen).toBe('result');
        expect(launched.progress.modules[0]!.passed).toBe(passed);
        expect(lms.cmi()[k.objectiveStatus(0)]).toBe(passed ? 'passed' : v === '12' ? 'incomplete' : 'unknown');
        expect(courseErrors(lms)).toEqual([]);
      });
    }

    it('a learner who has completed the course relaunches: nothing in the LMS record changes unless they act', () => {
      const device = new Device();
      const seeded = recordFor(v, finished, 'complete');
      device.seed(v, seeded);
      const lms = device.lms({ v });
      const launched = lms.launch();
      expect(launched.progress.view).toBe('complete'); // "Resume: your completion summary"
      launched.send({ type: 'RESUME' });
      expect(launched.screen).toBe('complete');
      // Whatever the course would send on its own has been sent: it says everything is saved.
      expect(launched.saveStatus).toBe('saved');
      launched.send({ type: 'EXIT' });
      expect(launched.running.exitSaved()).toBe(true); // "Your progress is saved"
      expect(lms.terminated).toBe(true);
      expect(changingWrites(lms, seeded, version)).toEqual([]);
      expectKept(lms.stored()!.cmi, seeded);
    });

    it('a completed learner who reviews a module: the quiz result is shown, never reopened, and results stay as recorded', () => {
      const device = new Device();
      const seeded = recordFor(v, finished, 'complete');
      device.seed(v, seeded);
      const lms = device.lms({ v });
      const launched = lms.launch();
      launched.send({ type: 'RESUME' }).send({ type: 'MENU' }).send({ type: 'OPEN_MODULE', module: 0 });
      const pages = course.modules[0]!.pages.length;
      for (let p = 0; p < pages; p++) {
        expect([launched.screen, launched.progress.at.page]).toEqual(['page', p]);
        launched.send({ type: 'NEXT' }); // "Next", and "Quiz result" on the last page
      }
      expect(launched.screen).toBe('result');
      expect(launched.progress.modules[0]!.passed).toBe(true); // "You passed"
      // No "Try again", "Start the quiz" or "Continue the quiz".
      expect(launched.can({ type: 'RETRY' })).toBe(false);
      expect(launched.can({ type: 'START_QUIZ' })).toBe(false);
      launched.send({ type: 'EXIT' });
      expect(launched.running.exitSaved()).toBe(true); // "Your progress is saved"
      expect(lms.terminated).toBe(true);
      expectKept(lms.stored()!.cmi, results(seeded));
      expect(
        changingWrites(lms, seeded, version).filter((w) => /interactions|status|score|objectives/.test(w)),
      ).toEqual([]);
    });

    it('in LMS review mode, whatever the learner does, the LMS record stays exactly as it was', () => {
      const device = new Device();
      const seeded = recordFor(v, finished, 'complete');
      device.seed(v, seeded);
      const lms = device.lms({ v, mode: 'review' });
      const launched = lms.launch();
      launched.send({ type: 'RESUME' }).send({ type: 'MENU' }).send({ type: 'OPEN_MODULE', module: 1 });
      launched.send({ type: 'NEXT' });
      expect([launched.screen, launched.progress.at.module, launched.progress.at.page]).toEqual(['page', 1, 1]);
      launched.send({ type: 'EXIT' });
      expect(launched.running.exitSaved()).toBe(true); // "Your progress is saved"
      expect(lms.terminated).toBe(true);
      expect(changingWrites(lms, seeded, version)).toEqual([]);
      expectKept(lms.stored()!.cmi, seeded);
    });
  });
}

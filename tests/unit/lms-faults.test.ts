/**
 * The LMS is missing, down, throwing or refusing at launch, and the tab dies: the real course start-up against the
 * harness LMS (scorm-again with fault injection, tests/e2e/harness/lms.js) in Node, both packages. Retry pauses
 * pass on Vitest's clock. What only a browser shows (the banner and announcements, pagehide and visibility, frames
 * and origins, a slow LMS blocking input, localStorage across a killed tab) is in tests/e2e/reliability.spec.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drawnQuestions } from '../../src/course/progress.ts';
import { progressAt, savedState } from '../e2e/fixtures/progress.ts';
import { VERSIONS, withoutClocks, type VersionInfo } from '../e2e/fixtures/records.ts';
import type { Faults } from '../e2e/harness/lms.js';
import {
  Device,
  course,
  fixLearnerSeed,
  setUpLms,
  tearDownLms,
  type HarnessLms,
  type LaunchedCourse,
} from './fixtures/course-in-lms.ts';

beforeEach(setUpLms);
afterEach(tearDownLms);

const NO_LMS = 'This course is not connected to a learning system. Your progress is kept on this device only.';

/** SCORM errors the course caused, leaving out those the harness injected on purpose. */
const courseErrors = (lms: HarnessLms) => lms.errors.filter((e) => !e.startsWith('[injected]'));

/** A learner who has read module 1 and is at its quiz, as an earlier session left it in the LMS. */
function openAtModule1Quiz(device: Device, v: '12' | '2004', faults?: Faults) {
  const { suspendData, location } = savedState(progressAt('quizIntro', 0));
  device.seed(v, {
    'cmi.suspend_data': suspendData,
    [v === '12' ? 'cmi.core.lesson_location' : 'cmi.location']: location,
  });
  const lms = device.lms(faults ? { v, faults } : { v });
  const launched = lms.launch();
  expect(launched.progress.view).toBe('quizIntro'); // "Resume: Module 1 quiz"
  launched.send({ type: 'RESUME' });
  expect(launched.screen).toBe('quizIntro'); // "Check what you learned"
  return { lms, launched };
}

/** Answers the first n questions of the open attempt with their first option, leaving the learner on question n+1. */
function answerFirst(launched: LaunchedCourse, n: number): { id: string; value: string }[] {
  const answered: { id: string; value: string }[] = [];
  for (let i = 0; i < n; i++) {
    const { question } = drawnQuestions(course, launched.progress, 0)[i]!;
    answered.push({ id: question.id, value: question.options[0]!.id });
    launched.send({ type: 'ANSWER', selected: [question.options[0]!.id] }).send({ type: 'NEXT' });
    expect(launched.progress.at.question).toBe(i + 1); // "Question i+2 of ..."
  }
  return answered;
}

/** The same journey for the outage run and the control run: module 1's quiz passed, two pages of module 2. */
function journey(
  { v }: VersionInfo,
  during?: {
    start(lms: HarnessLms, device: Device): void;
    end(lms: HarnessLms, device: Device, c: LaunchedCourse): void;
  },
): HarnessLms {
  const device = new Device();
  const { lms, launched } = openAtModule1Quiz(device, v);
  expect(launched.saveStatus).toBe('saved');
  during?.start(lms, device);
  launched.send({ type: 'START_QUIZ' }).answerQuiz(true);
  expect([launched.screen, launched.progress.modules[0]!.passed]).toEqual(['result', true]); // "You passed"
  during?.end(lms, device, launched);
  launched.send({ type: 'CONTINUE' }).send({ type: 'NEXT' }); // "Continue to Module 2", "Next"
  expect([launched.screen, launched.progress.at.module, launched.progress.at.page]).toEqual(['page', 1, 1]);
  expect(launched.saveStatus).toBe('saved');
  launched.send({ type: 'EXIT' });
  expect(lms.terminated).toBe(true);
  return lms;
}

for (const version of VERSIONS) {
  const { v, label } = version;
  describe(label, () => {
    it('with no LMS, the course runs on the device with a clear notice, and progress survives a reload', () => {
      const device = new Device();
      const first = device.openWithoutLms(v);
      expect(first.notices).toEqual([NO_LMS]);
      expect(first.running.session.conn.kind).toBe('standalone'); // "Saved on this device"
      first.send({ type: 'START' }).takeBaseline().send({ type: 'OPEN_MODULE', module: 0 }).send({ type: 'NEXT' });
      expect([first.screen, first.progress.at.page]).toEqual(['page', 1]);
      expect(first.saveStatus).toBe('saved');

      first.pagehide(); // reload
      const reloaded = device.openWithoutLms(v);
      expect([reloaded.progress.view, reloaded.progress.at.module, reloaded.progress.at.page]).toEqual(['page', 0, 1]); // "Resume: Module 1, page 2"
      reloaded.send({ type: 'RESUME' });
      expect([reloaded.screen, reloaded.progress.at.page]).toEqual(['page', 1]);
    });

    it('while the LMS refuses every save, the course keeps working and keeps the data (memory and device), retries with growing pauses and says so until the LMS accepts; then the record equals a run without the outage', () => {
      fixLearnerSeed();
      let outageStart = 0;
      let suspendBefore = '';
      const outage = journey(version, {
        start: (lms) => {
          outageStart = lms.calls.length;
          suspendBefore = lms.stored()!.cmi['cmi.suspend_data']!;
          lms.setFaults({ fail: ['SetValue', 'Commit'] });
        },
        end: (lms, device, launched) => {
          // Three more tries fail (after 1, 2 and 4 s) ...
          launched.settle(1000 + 2000 + 4000);
          // Still saying so after several screens and several retries ("Not saved, retrying", and the alert) ...
          expect(launched.saveStatus).toBe('retrying');
          // ... the answers are in the device copy ...
          const copy = device.deviceCopy(v);
          expect(copy?.some(([element]) => element === 'cmi.suspend_data')).toBe(true);
          expect(copy?.some(([element]) => /^cmi\.interactions\.\d+\.result$/.test(element))).toBe(true);
          // ... and the LMS has nothing of it yet.
          const held = lms.stored()!;
          expect(held.cmi['cmi.suspend_data']).toBe(suspendBefore);
          expect(Object.keys(held.cmi).filter((k) => /^cmi\.interactions\.\d+\.result$/.test(k))).toEqual([]);
          lms.setFaults({});
          launched.settle(30_000); // the longest pause: the next try is in it
          expect(launched.saveStatus).toBe('saved'); // the alert is gone
          expect(device.deviceCopy(v)).toBeNull();
        },
      });
      // Backoff: one refused call per try, the gaps growing 1 s, 2 s, 4 s ...
      const tries = outage.calls.slice(outageStart).filter((c) => c.injected);
      const gaps = tries.slice(1).map((c, i) => c.at - tries[i]!.at);
      expect(gaps.length).toBeGreaterThanOrEqual(2);
      gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual([1000, 2000, 4000, 8000, 15000, 30000][i]! - 50));
      expect(courseErrors(outage)).toEqual([]);

      // The same journey without an outage, on another device.
      const clean = journey(version);
      expect(withoutClocks(outage.stored()!.cmi)).toEqual(withoutClocks(clean.stored()!.cmi));
    });

    it('when the LMS API throws, the course carries on, says the progress is not saved, and saves once the LMS works again', () => {
      const device = new Device();
      const { lms, launched } = openAtModule1Quiz(device, v);
      lms.setFaults({ throwOn: ['SetValue', 'Commit', 'GetLastError', 'GetErrorString', 'GetDiagnostic'] });
      launched.send({ type: 'START_QUIZ' }).answerQuiz(true);
      expect([launched.screen, launched.progress.modules[0]!.passed]).toEqual(['result', true]); // "You passed"
      expect(launched.saveStatus).toBe('retrying'); // the alert: "Your progress is not saved yet ..."
      expect(lms.calls.some((c) => c.result === 'throw')).toBe(true);
      lms.setFaults({});
      // The next retry comes within the longest pause (30 s).
      launched.settle(30_000);
      expect(launched.saveStatus).toBe('saved');
      expect(lms.cmi()[version.k.objectiveStatus(0)]).toBe('passed');
      // The module's objective carries its score; the course score waits until the course result is final.
      const stored = lms.stored()!.cmi;
      expect(stored['cmi.objectives.0.score.raw']).toBe('100');
      expect(stored[version.k.score] ?? '').toBe('');
      expect(courseErrors(lms)).toEqual([]);
    });

    const launchFaults: [Faults, string][] = [
      [
        { throwOn: ['Initialize'] },
        'The learning system did not accept the connection, so your progress is kept on this device only for now.',
      ],
      [
        { fail: ['Initialize'] },
        'The learning system did not accept the connection, so your progress is kept on this device only for now.',
      ],
      [
        { throwOn: ['GetValue'] },
        'The learning system could not hand over your saved progress, so this session is kept on this device only. What the learning system records is not changed.',
      ],
    ];
    for (const [fault, notice] of launchFaults) {
      it(`when the LMS ${'throwOn' in fault ? 'throws on' : 'refuses'} ${(fault.throwOn ?? fault.fail)!.join()} at launch, the course runs on the device and says so`, () => {
        const device = new Device();
        const lms = device.lms({ v, faults: fault });
        const launched = lms.launch();
        expect(launched.notices).toEqual([notice]);
        launched.send({ type: 'START' }).takeBaseline().send({ type: 'OPEN_MODULE', module: 0 });
        expect([launched.screen, launched.progress.at.page]).toEqual(['page', 0]);
        expect(launched.running.session.conn.kind).toBe('standalone'); // "Saved on this device"
        expect(launched.saveStatus).toBe('saved');
        // Nothing written to the LMS: its record stays as it was.
        expect(lms.calls.filter((c) => c.method === version.setValue)).toEqual([]);
      });
    }

    it('a tab killed mid-quiz without any unload event: on relaunch the answers given so far are there', () => {
      const device = new Device();
      const { launched } = openAtModule1Quiz(device, v);
      launched.send({ type: 'START_QUIZ' });
      const answered = answerFirst(launched, 2);
      expect(launched.saveStatus).toBe('saved');

      // No goodbye reached the LMS: its record is the last commit, with exit "suspend" set at the start.
      const kept = device.stored(v);
      expect(kept?.event).toBe('commit');
      expect(kept?.cmi[version.k.exit]).toBe('suspend');
      const relaunched = device.lms({ v }).launch();
      relaunched.send({ type: 'RESUME' }); // "Resume: Module 1 quiz"
      expect([relaunched.screen, relaunched.progress.at.question]).toEqual(['question', answered.length]);
      const drawn = drawnQuestions(course, relaunched.progress, 0);
      const attempt = relaunched.progress.modules[0]!.attempt!;
      answered.forEach(({ id, value }, i) => {
        expect(drawn[i]!.question.id).toBe(id);
        expect(attempt.answers[i]).toEqual([value]);
      });
    });
  });
}

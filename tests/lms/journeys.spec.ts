/**
 * Learners take the course in Moodle 4.3 through Moodle's activity page and player, under the settings an
 * administrator may choose, and Moodle's database is read back: status, score, objectives, interactions, location,
 * suspend_data, total time, the gradebook and activity completion. Both SCORM versions.
 *
 * One full journey per settings case; the other requirements of issue 9 ride on them (a learner who leaves
 * mid-course under the mastery override, a quiz failed then passed, a tab closed mid-quiz, review mode).
 */
import { expect, test } from '@playwright/test';
import {
  activityCompletion,
  describeStored,
  gradebook,
  importActivity,
  scormRecord,
  type Activity,
  type ActivitySettings,
  type ScormRecord,
  type ScormVersion,
} from './moodle.ts';
import {
  answerQuestions,
  button,
  commentItem,
  continueAfterPass,
  course,
  currentQuestion,
  enter,
  EVALUATION_COMMENT,
  expectBarReachable,
  expectStored,
  heading,
  leave,
  likertItems,
  login,
  openFirstModule,
  passModule,
  readToQuiz,
  startOrResume,
  submitEvaluation,
  type Player,
} from './learner.ts';

/**
 * The journeys run in a window where Moodle's whole content frame (at least 680 px, see MOODLE-FINDINGS.md §5) fits,
 * so that they test the record, not the layout; display.spec.ts tests the layout at tablet and laptop sizes.
 */
const JOURNEY_VIEWPORT = { width: 1280, height: 1024 };

const draws = course.modules.map((m) => m.quiz.draw);
// Every journey starts with the baseline check before Module 1: one interaction per item, before the quizzes'.
const baselineInteractions = course.baseline?.questions.length ?? 0;
const quizInteractions = baselineInteractions + draws.reduce((a, b) => a + b, 0);
const evaluationInteractions = likertItems.length + (commentItem ? 1 : 0);

/** total_time is written by LMSFinish/Terminate only: a new value means Moodle processed the learner's exit. */
const exited = (before: string | undefined) => (r: ScormRecord) =>
  !!r.totalTime && r.totalTime !== before && !/^0+:00:00(\.0+)?$|^PT0*(\.0+)?S$/.test(r.totalTime);

/** Status text of either version, for messages. */
function isFinishedPassed(v: ScormVersion, r: ScormRecord, forcecompleted = false): boolean {
  if (v === '12') return r.status === 'passed' || (forcecompleted && r.status === 'completed');
  return r.status === 'completed' && r.success === 'passed';
}

/** A learner who left mid-course: recorded as in progress, never failed. */
function expectInProgress(v: ScormVersion, a: Activity, r: ScormRecord, where: string): void {
  const stored = describeStored(a);
  if (v === '12') {
    expect(r.status, `${where}: 1.2 lesson_status must be incomplete, not failed/passed. ${stored}`).toBe('incomplete');
  } else {
    expect(r.status, `${where}: 2004 completion_status. ${stored}`).toBe('incomplete');
    expect(r.success, `${where}: 2004 success_status must not be failed. ${stored}`).not.toBe('failed');
  }
  expect(activityCompletion(a), `${where}: activity completion. ${stored}`).toBe(0);
}

/** The next launch must be a normal one with credit: Moodle's player not in review mode, the course recording. */
async function expectNormalLaunch(p: Player, a: Activity, where: string): Promise<void> {
  await expect(
    p.page.locator('#scormmode'),
    `${where}: Moodle opened the player in review/browse mode (the learner is locked out). ${describeStored(a)}`,
  ).toHaveCount(0);
  await expect(p.frame.getByText(/^(Review|Browse) mode/), `${where}: the course shows a no-credit banner`).toHaveCount(
    0,
  );
}

/** Prints what Moodle stored, for the run's log (the per-case table of the closing note). */
function logStored(a: Activity): void {
  console.log(`[moodle] ${test.info().title.split(':')[0]} (${a.version}): ${describeStored(a)}`);
}

/** Checks the finished record of a whole journey in Moodle's database. */
function expectFinishedRecord(
  v: ScormVersion,
  a: Activity,
  r: ScormRecord,
  o: { interactions: number; forcecompleted?: boolean; completion: boolean },
): void {
  const stored = describeStored(a);
  expect(isFinishedPassed(v, r, o.forcecompleted), `status after every quiz passed. ${stored}`).toBe(true);
  expect(Number(r.score), `course score. ${stored}`).toBe(100);
  if (v === '2004') expect(Number(r.scaled), `scaled score. ${stored}`).toBe(1);
  expect(gradebook(a), `gradebook value. ${stored}`).toBe(100);
  if (o.completion) expect(activityCompletion(a), `activity completion. ${stored}`).toBeGreaterThanOrEqual(1);
  // One objective per module, each passed with its best score. (Moodle's 2004 player also lists the manifest's
  // primary objective, PRIMARYOBJ, which the course does not write.)
  const moduleIds = course.modules.map((m) => m.id);
  const modules = r.objectives.filter((x) => moduleIds.includes(x.id));
  expect(
    modules.map((x) => x.id),
    `objectives. ${stored}`,
  ).toEqual(moduleIds);
  // And the baseline check's objective, which carries its score and nothing of the course result.
  expect(
    r.objectives
      .filter((x) => !moduleIds.includes(x.id))
      .map((x) => x.id)
      .sort(),
    `other objectives. ${stored}`,
  ).toEqual(v === '2004' ? ['PRIMARYOBJ', 'baseline'] : ['baseline']);
  for (const x of modules) {
    expect(x.status, `objective ${x.id}. ${stored}`).toBe('passed');
    if (v === '2004') expect(x.completion, `objective ${x.id} completion_status. ${stored}`).toBe('completed');
    expect(Number(x.score), `objective ${x.id} score. ${stored}`).toBe(100);
  }
  expect(r.interactions, `interactions. ${stored}`).toHaveLength(o.interactions);
  for (const i of r.interactions) {
    expect(i.id, 'interaction id').not.toBe('');
    expect(i.type, `interaction ${i.id} type`).toMatch(/^(choice|true-false|likert|fill-in|long-fill-in)$/);
    expect(i.result, `interaction ${i.id} result`).toMatch(/^(correct|wrong|incorrect|neutral)$/);
  }
  expect(r.suspendData ?? '', `suspend_data. ${stored}`).not.toBe('');
  if (v === '12') expect(r.suspendData!.length, 'suspend_data within 1.2 limit').toBeLessThanOrEqual(4096);
  expect(r.exit, `exit. ${stored}`).toBe('suspend');
}

/** Plays modules from..4 from the page on screen (module `from` already open). */
async function passModulesFrom(frame: Player['frame'], from: number, failFirst = -1): Promise<void> {
  for (let m = from; m < course.modules.length; m++) {
    await passModule(frame, m, { failFirst: m === failFirst });
    await continueAfterPass(frame, m);
  }
}

for (const v of ['12', '2004'] as const) {
  const name = v === '12' ? 'SCORM 1.2' : 'SCORM 2004';

  test.describe(`${name} in Moodle`, () => {
    test(`Moodle's default settings (mastery override on, "completed or passed"): a learner leaves in module 2, is not failed or locked out, comes back, finishes, and re-enters in review mode`, async ({
      browser,
    }) => {
      const settings: ActivitySettings = { masteryoverride: 1, forcecompleted: 0, completionstatusrequired: 6 };
      const a = importActivity(v, 'default', settings);
      const context = await browser.newContext({ viewport: JOURNEY_VIEWPORT });
      const page = await login(context, a);

      // Session 1: module 1 passed, two pages into module 2, then Moodle's "Exit activity".
      let p = await enter(page, a);
      expect(await startOrResume(p.frame)).toBe('start');
      await openFirstModule(p.frame);
      await passModule(p.frame, 0);
      await continueAfterPass(p.frame, 0);
      await button(p.frame, 'Next').click();
      await expect(heading(p.frame)).toHaveText(course.modules[1]!.pages[1]!.title);
      await leave(p, 'exit-activity');
      let r = await expectStored(
        a,
        'the learner left in module 2 (LMSFinish/Terminate reached Moodle)',
        exited(undefined),
      );
      expectInProgress(v, a, r, 'after leaving in module 2');
      expect(r.location, describeStored(a)).toBe(`${course.modules[1]!.id}/${course.modules[1]!.pages[1]!.id}`);
      expect(r.objectives.find((x) => x.id === course.modules[0]!.id)?.status, describeStored(a)).toBe('passed');

      // Session 2: a normal launch with credit, back on the same page; finish the course and the evaluation.
      p = await enter(page, a);
      await expectNormalLaunch(p, a, 'the launch after leaving mid-course');
      expect(await startOrResume(p.frame)).toBe('resume');
      await expect(heading(p.frame)).toHaveText(course.modules[1]!.pages[1]!.title);
      await passModulesFrom(p.frame, 1);
      await submitEvaluation(p.frame);
      const before = r.totalTime;
      await leave(p, 'close');
      r = await expectStored(a, 'the learner closed the tab at the end', exited(before));
      expectFinishedRecord(v, a, r, { interactions: quizInteractions + evaluationInteractions, completion: true });
      const comment = r.interactions.find((i) => /fill-in/.test(i.type));
      if (commentItem)
        expect(comment?.response, `the evaluation comment. ${describeStored(a)}`).toBe(EVALUATION_COMMENT);

      // Session 3: a finished attempt reopens in review mode; the record stays as it was.
      const page2 = await context.newPage();
      p = await enter(page2, a);
      await expect(p.page.locator('#scormmode'), 'Moodle shows its review-mode heading').toContainText('Review mode');
      await startOrResume(p.frame);
      await expect(p.frame.getByText(/Review mode/).first()).toBeVisible();
      // Review mode adds Moodle's heading above the frame: Back/Next must still be on screen (1280x800).
      await page2.setViewportSize({ width: 1280, height: 800 });
      const menu = button(p.frame, 'Back to the course menu');
      const review = button(p.frame, 'Review module 1');
      await expect(menu.or(review)).toBeVisible(); // the screen the resume opened: the menu, or one that leads to it
      if (await menu.isVisible()) await menu.click();
      await review.click();
      await expect(heading(p.frame)).toHaveText(course.modules[0]!.pages[0]!.title);
      await expectBarReachable(p, 'mouse', 'review mode, 1280x800');
      await leave(p, 'exit-activity');
      const after = scormRecord(a);
      expect(isFinishedPassed(v, after), `review mode must not change the result. ${describeStored(a)}`).toBe(true);
      expect(Number(after.score), describeStored(a)).toBe(100);
      expect(gradebook(a)).toBe(100);
      logStored(a);
      await context.close();
    });

    test(`DEPLOYING's recommended settings ("require status passed", mastery override off, skip the activity page): a quiz failed, then passed; completion recorded`, async ({
      browser,
    }) => {
      const a = importActivity(v, 'recommended', {
        masteryoverride: 0,
        forcecompleted: 0,
        completionstatusrequired: 2,
        skipview: 2,
        hidebrowse: 1,
        forcenewattempt: 0,
        maxattempt: 0,
        grademethod: 1,
        whatgrade: 0,
      });
      const context = await browser.newContext({ viewport: JOURNEY_VIEWPORT, hasTouch: true });
      const page = await login(context, a);
      const p = await enter(page, a);
      await startOrResume(p.frame);
      await openFirstModule(p.frame);
      await passModulesFrom(p.frame, 0, 0);
      await leave(p, 'close');
      const r = await expectStored(a, 'the learner closed the tab after the last quiz', exited(undefined));
      expectFinishedRecord(v, a, r, { interactions: quizInteractions + draws[0]!, completion: true });
      // The failed attempt's answers are recorded as wrong, the passing one's as correct.
      const m1 = r.interactions.slice(baselineInteractions, baselineInteractions + draws[0]!);
      expect(
        m1.every((i) => i.result === (v === '12' ? 'wrong' : 'incorrect')),
        describeStored(a),
      ).toBe(true);
      expect(
        r.interactions.slice(baselineInteractions + draws[0]!).every((i) => i.result === 'correct'),
        describeStored(a),
      ).toBe(true);
      expect(
        activityCompletion(a),
        `"Require status: passed" must complete. ${describeStored(a)}`,
      ).toBeGreaterThanOrEqual(1);
      logStored(a);
      await context.close();
    });

    test(`completion rule "minimum score 80": a learner closes the tab mid-quiz, relaunches on the same question with the answers kept, and finishes`, async ({
      browser,
    }) => {
      const a = importActivity(v, 'minscore', {
        masteryoverride: 0,
        completionstatusrequired: 0,
        completionscorerequired: 80,
      });
      const context = await browser.newContext({ viewport: JOURNEY_VIEWPORT });
      const page = await login(context, a);
      let p = await enter(page, a);
      await startOrResume(p.frame);
      await openFirstModule(p.frame);
      await readToQuiz(p.frame, 0);
      await button(p.frame, 'Start the quiz').click();
      const answered = await answerQuestions(p.frame, true, 2); // two answered, the third on screen
      const third = await currentQuestion(p.frame);
      await leave(p, 'close');
      await expectStored(
        a,
        'the learner closed the tab mid-quiz',
        (r) => exited(undefined)(r) && r.location === `${course.modules[0]!.id}/quiz`,
      );
      expectInProgress(v, a, scormRecord(a), 'after closing the tab mid-quiz');

      const page2 = await context.newPage();
      p = await enter(page2, a);
      await expectNormalLaunch(p, a, 'the launch after closing the tab mid-quiz');
      expect(await startOrResume(p.frame)).toBe('resume');
      // The same question, then back through the answered ones: each keeps its answer.
      const q = await currentQuestion(p.frame);
      expect(q.id, 'the question on screen after the relaunch').toBe(third.id);
      expect(q.index).toBe(2);
      for (let i = answered.length - 1; i >= 0; i--) {
        await button(p.frame, 'Back').click();
        await expect(p.frame.locator('fieldset[data-question-id]')).toHaveAttribute(
          'data-question-id',
          answered[i]!.id,
        );
        for (const option of answered[i]!.options)
          await expect(p.frame.locator(`input[value="${option}"]`)).toBeChecked();
      }
      for (let i = 0; i < answered.length; i++) await button(p.frame, 'Next question').click();
      await answerQuestions(p.frame, true);
      await button(p.frame, 'Submit answers').click();
      await expect(heading(p.frame)).toHaveText('You passed');
      await continueAfterPass(p.frame, 0);
      await passModulesFrom(p.frame, 1);
      const before = scormRecord(a).totalTime;
      await leave(p, 'exit-activity');
      const r = await expectStored(a, 'the learner left at the end', exited(before));
      expectFinishedRecord(v, a, r, { interactions: quizInteractions, completion: true });
      logStored(a);
      await context.close();
    });

    test(`Force completed on, mastery override on: a learner leaves in module 2, is not failed or locked out, finishes; a save Moodle fails is sent again, and "Saved" means stored`, async ({
      browser,
    }) => {
      const a = importActivity(v, 'forced', { forcecompleted: 1, masteryoverride: 1, completionstatusrequired: 6 });
      const context = await browser.newContext({ viewport: JOURNEY_VIEWPORT });
      const page = await login(context, a);
      let p = await enter(page, a);
      await startOrResume(p.frame);
      await openFirstModule(p.frame);
      await passModule(p.frame, 0);
      await continueAfterPass(p.frame, 0);
      await leave(p, 'close');
      let r = await expectStored(a, 'the learner closed the tab in module 2', exited(undefined));
      expectInProgress(v, a, r, 'after leaving in module 2 with Force completed on');

      // Session 2. Moodle fails (HTTP 500) the first save that carries the course score, as a server error or an
      // expired session would: the course must send it again, and say "Saved" only when Moodle has it.
      let failed = '';
      const page2 = await context.newPage();
      await page2.route('**/mod/scorm/datamodel.php*', (route) => {
        const body = route.request().postData() ?? '';
        if (!failed && /cmi__(core__)?score__raw=/.test(body)) {
          failed = decodeURIComponent(body).replace(/sesskey=[^&]*/, 'sesskey=…');
          return route.fulfill({ status: 500, contentType: 'text/plain', body: 'simulated server error' });
        }
        return route.continue();
      });
      p = await enter(page2, a);
      await expectNormalLaunch(p, a, 'the launch after leaving mid-course with Force completed on');
      expect(await startOrResume(p.frame)).toBe('resume');
      await expect(heading(p.frame)).toHaveText(course.modules[1]!.pages[0]!.title);
      await passModulesFrom(p.frame, 1);
      await expect
        .poll(() => failed, { message: 'the course sends its score (the save the test fails)', timeout: 30_000 })
        .not.toBe('');
      const indicator = p.frame.locator('p.save');
      // Either it ends up saved, and then Moodle must hold the score, or it keeps saying it is not saved.
      const saved = await expect(indicator)
        .toHaveAttribute('data-status', 'saved', { timeout: 45_000 })
        .then(
          () => true,
          () => false,
        );
      if (saved) {
        await expect
          .poll(() => Number(scormRecord(a).score), {
            timeout: 15_000,
            message: `the course says "Saved" after a failed save, so Moodle must hold the course score. The failed save was: ${failed.slice(0, 300)}… ${describeStored(a)}`,
          })
          .toBe(100);
      } else {
        // Not saved: the course must keep saying so.
        await expect(indicator).toHaveAttribute('data-status', 'retrying');
      }
      let before = r.totalTime;
      await leave(p, 'exit-activity');
      r = await expectStored(a, 'the learner left at the end', exited(before));
      if (!saved) {
        // What Moodle's player dropped reaches Moodle at the learner's next launch (the course sends it again).
        before = r.totalTime;
        p = await enter(await context.newPage(), a);
        await startOrResume(p.frame);
        await leave(p, 'exit-activity');
        r = await expectStored(a, 'the learner came back once and left', exited(before));
      }
      expectFinishedRecord(v, a, r, { interactions: quizInteractions, forcecompleted: true, completion: true });
      logStored(a);
      await context.close();
    });
  });
}

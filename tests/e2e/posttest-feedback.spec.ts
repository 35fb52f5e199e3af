/**
 * Feedback that teaches (issue 11), in the browser with the built packages, SCORM 1.2 and 2004. A learner resumes
 * on the result of a failed module 1 attempt (seeded in the LMS, not walked): the screen shows which questions were
 * wrong and the rationale of each, never which option is correct. The retry draws other questions; after passing,
 * the correct option of the question still missed is shown. The answer key is in none of the files the course
 * loads, yet the LMS record still gets each interaction's correct-response pattern after submission.
 */
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { correctOptions } from '../../src/course/answer-key.ts';
import { drawnQuestions, freshProgress, type Progress } from '../../src/course/progress.ts';
import { encodeProgress } from '../../src/course/saved-state.ts';
import { answerQuiz, course } from './fixtures/course.ts';
import { courseFrame, harnessState, openHarness, seedLms } from './fixtures/harness.ts';

const module1 = course.modules[0]!;

/** Module 1 read, and attempt 1 submitted with only its first question right (20%); the learner is on the result. */
function failedFirstAttempt(seed = 0xfeed): Progress {
  const p = freshProgress(course, seed);
  const placeholder = { number: 1, answers: [], submitted: true, score: 20 };
  p.modules[0] = {
    ...p.modules[0]!,
    visited: module1.pages.map(() => true),
    attempts: 1,
    best: 20,
    attempt: placeholder,
  };
  const answers = drawnQuestions(course, p, 0).map((d, i) => {
    const key = correctOptions(d.question);
    return i === 0 ? key : [d.question.options.map((o) => o.id).find((id) => !key.includes(id))!];
  });
  p.modules[0] = { ...p.modules[0]!, attempt: { ...placeholder, answers } };
  p.view = 'result';
  p.at = { module: 0, page: 0, question: 0 };
  return p;
}

/** Every JSON file the course fetches, as text. */
function collectJson(page: Page): string[] {
  const bodies: string[] = [];
  page.on('response', async (response) => {
    if (!/\.json(\?|$)/.test(response.url())) return;
    bodies.push(await response.text().catch(() => ''));
  });
  return bodies;
}

const heading = (frame: FrameLocator) => frame.getByRole('heading', { level: 1 });

for (const v of ['12', '2004'] as const) {
  test(`SCORM ${v === '12' ? '1.2' : '2004'}: feedback shows what was missed and why, and the key only after passing`, async ({
    page,
  }) => {
    const progress = failedFirstAttempt();
    const firstIds = drawnQuestions(course, progress, 0).map((d) => d.question.id);
    const json = collectJson(page);
    await seedLms(page, v, { 'cmi.suspend_data': encodeProgress(course, progress) });
    await openHarness(page, { v });
    const frame = courseFrame(page);
    await frame.getByRole('button', { name: /^Resume:/ }).click();

    // Not passed, attempts left: which questions were wrong and why, not which option is right.
    await expect(heading(frame)).toHaveText('Not passed this time');
    await expect(frame.getByRole('status')).toContainText('Your score: 20%');
    await expect(frame.getByRole('status')).toContainText('The correct options are shown once you pass');
    const items = frame.locator('.feedback-item');
    await expect(items).toHaveCount(module1.quiz.draw);
    await expect(frame.locator('.feedback-item .tag', { hasText: /^Incorrect$/ })).toHaveCount(module1.quiz.draw - 1);
    for (let i = 1; i < module1.quiz.draw; i++) {
      const item = items.nth(i);
      await expect(item.getByText('Your answer:')).toBeVisible();
      await expect(item.locator('details[open] p')).toBeVisible(); // the rationale, open for a missed question
    }
    await expect(frame.getByText('Correct answer:')).toHaveCount(0);

    // The key is in none of the JSON the course loaded: only per-question hashes.
    expect(json.length).toBeGreaterThan(0);
    const data = json.find((body) => body.includes(`"${module1.quiz.questions[0]!.id}"`));
    expect(data, 'the course data JSON was fetched').toBeDefined();
    expect(data).not.toMatch(/"correct"\s*:|"answer"\s*:/);
    expect(data).toContain(`"key":"${module1.quiz.questions[0]!.key}"`);

    // The retry draws other questions; pass it with one miss (80%), and that miss now shows its correct option.
    await frame.getByRole('button', { name: 'Try again' }).click();
    const missed = 2;
    const secondIds = await answerQuiz(frame, (i) => i !== missed);
    expect(secondIds.filter((id) => firstIds.includes(id))).toEqual([]);
    const objectives = new Set(secondIds.map((id) => module1.quiz.questions.find((q) => q.id === id)!.objective));
    expect(objectives.size).toBe(module1.objectives.length);
    await expect(heading(frame)).toHaveText('You passed');
    await expect(frame.getByText('Correct answer:')).toHaveCount(1);
    const question = module1.quiz.questions.find((q) => q.id === secondIds[missed])!;
    const keyText = question.options
      .filter((o) => correctOptions(question).includes(o.id))
      .map((o) =>
        o.html
          .replace(/<[^>]*>/g, '')
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'"),
      )
      .join('; ');
    await expect(items.nth(secondIds.indexOf(question.id)).getByText('Correct answer:')).toContainText(
      keyText.slice(0, 30),
    );

    // After submission the LMS record has each interaction's correct-response pattern.
    const pattern = /^cmi\.interactions\.\d+\.correct_responses\.0\.pattern$/;
    await expect
      .poll(async () => Object.keys((await harnessState(page)).cmi).filter((k) => pattern.test(k)).length)
      .toBeGreaterThanOrEqual(module1.quiz.draw);
    const cmi = (await harnessState(page)).cmi;
    const idKey = Object.keys(cmi).find(
      (k) => /^cmi\.interactions\.\d+\.id$/.test(k) && cmi[k]!.endsWith(`${question.id}-a2`),
    )!;
    const n = idKey.split('.')[2];
    expect(cmi[`cmi.interactions.${n}.correct_responses.0.pattern`]).toBeTruthy();
  });
}

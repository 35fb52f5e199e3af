/**
 * "Select all that apply": the learner is graded on the boxes the screen shows. Unticking the only ticked box
 * leaves the question unanswered (the summary says so and Submit waits), and the LMS is never sent an answer
 * the screen does not show.
 */
import { expect, test } from '@playwright/test';
import { freshProgress, type Progress } from '../../src/course/progress.ts';
import { attemptSeed, drawAttempt } from '../../src/course/quiz.ts';
import { decodeProgress } from '../../src/course/saved-state.ts';
import { courseFrame, harnessState, openHarness, seedLms } from './fixtures/harness.ts';
import { course } from './fixtures/course.ts';
import { recordFor } from './fixtures/reliability.ts';

/** A learner who has read module 1 and opened its quiz, on a "select all that apply" question. */
function onMultipleQuestion(): { progress: Progress; question: number; id: string } {
  const module = course.modules[0]!;
  for (let seed = 1; seed < 10_000; seed++) {
    const drawn = drawAttempt(module.quiz, attemptSeed(seed, 0, 1));
    const question = drawn.findIndex((d) => d.question.type === 'multiple');
    if (question < 0) continue;
    const progress = freshProgress(course, seed);
    progress.modules[0] = {
      ...progress.modules[0]!,
      visited: module.pages.map(() => true),
      attempt: { number: 1, answers: drawn.map(() => null), submitted: false, score: null },
    };
    progress.view = 'question';
    progress.at = { module: 0, page: module.pages.length - 1, question };
    return { progress, question, id: drawn[question]!.question.id };
  }
  throw new Error('no learner seed draws a multiple-choice question in module 1');
}

test('unticking the only ticked box leaves the question unanswered, on screen and in what is saved', async ({
  page,
}) => {
  const { progress, question, id } = onMultipleQuestion();
  await seedLms(page, '12', recordFor('12', progress, 'm1/quiz'));
  await openHarness(page, { v: '12' });
  const frame = courseFrame(page);
  await frame.getByRole('button', { name: /^Resume: / }).click();
  await expect(frame.locator(`fieldset[data-question-id="${id}"]`)).toBeVisible();
  await expect(frame.locator('p.hint', { hasText: 'Select all that apply.' })).toBeVisible();

  // The answer to this question in what the LMS holds (decoded with the course's own codec).
  const savedAnswer = async () => {
    const saved = (await harnessState(page)).cmi['cmi.suspend_data'];
    return saved ? decodeProgress(course, saved).progress.modules[0]?.attempt?.answers[question] : undefined;
  };
  const first = frame.locator('label.option').first();
  const box = first.locator('input[type="checkbox"]');
  await first.click();
  await expect(box).toBeChecked();
  await expect(first).toHaveClass(/option-selected/);
  await expect.poll(savedAnswer).toEqual([await box.getAttribute('value')]);
  await first.click();
  await expect(box).not.toBeChecked();
  await expect(first).not.toHaveClass(/option-selected/);
  // What is saved for the LMS has no answer for the question either.
  await expect.poll(savedAnswer).toBeNull();

  // The summary agrees with the screen: this question is not answered and Submit waits for it.
  const total = progress.modules[0]!.attempt!.answers.length;
  for (let i = question; i < total - 1; i++) await frame.getByRole('button', { name: 'Next question' }).click();
  await frame.getByRole('button', { name: 'Review answers' }).click();
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText('Your answers');
  await expect(frame.locator('.summary-item').nth(question)).toContainText('Not answered');
  await expect(frame.getByRole('button', { name: 'Submit answers' })).toBeDisabled();
});

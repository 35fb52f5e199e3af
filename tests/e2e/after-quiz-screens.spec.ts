/**
 * The screens after a quiz (its result, the completion summary, the evaluation, the certificate) are a chunk of the
 * package of their own, fetched right after the first screen (src/ui/lazy-chunks.ts). A learner who loses the network later still
 * reaches the evaluation; a learner whose fetch fails is told so and can try again, with nothing lost.
 */
import { expect, test } from '@playwright/test';
import { button, course, heading, openCourse, press } from './fixtures/ui.ts';
import { progressAt } from './fixtures/progress.ts';

const last = course.modules.length - 1;
const endChunk = /\/assets\/after-quiz-[^/]+\.js$/;

test('the evaluation opens after the network drops, because its screens were fetched at launch', async ({
  page,
  context,
}, info) => {
  const fetched = page.waitForResponse((r) => endChunk.test(new URL(r.url()).pathname) && r.ok());
  await openCourse(page, { saved: progressAt('result', last, { passed: course.modules.length }) });
  await fetched;
  await context.setOffline(true);
  await press(page.getByRole('button', { name: /^Resume: / }), info);
  await expect(heading(page)).toHaveText('You passed');
  await press(button(page, 'Finish the course'), info);
  await expect(heading(page)).toHaveText('Course evaluation');
  await expect(heading(page)).toBeFocused();
});

test('when the screens after a quiz cannot be fetched, the learner is told, keeps their place and can try again', async ({
  page,
}, info) => {
  await page.route(endChunk, (route) => route.abort('internetdisconnected'));
  await openCourse(page, { saved: progressAt('result', last, { passed: course.modules.length }) });
  await press(page.getByRole('button', { name: /^Resume: / }), info);
  await expect(heading(page)).toHaveText('This screen did not load');
  await expect(page.getByText('Your progress is kept.')).toBeVisible();

  await page.unroute(endChunk);
  await press(button(page, 'Try again'), info);
  await expect(heading(page)).toHaveText('You passed');
  await expect(heading(page)).toBeFocused();
  await press(button(page, 'Finish the course'), info);
  await expect(heading(page)).toHaveText('Course evaluation');
});

/**
 * The package opened from a folder (file://) cannot run; the page says so and what to do, instead of staying blank.
 */
import { expect, test } from '@playwright/test';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

for (const folder of ['scorm12', 'scorm2004']) {
  test(`a package opened as a file says how to open it (${folder})`, async ({ page }) => {
    await page.goto(pathToFileURL(resolve('dist', folder, 'index.html')).href);
    await expect(page.getByRole('heading', { name: 'Open this course from your learning system' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('upload the zip file as it is to your LMS');
  });
}

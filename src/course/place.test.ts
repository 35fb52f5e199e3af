import { describe, expect, it } from 'vitest';
import { locationOf } from '../lms/record.ts';
import { placeOf } from './place.ts';
import { freshProgress, VIEWS, type View } from './progress.ts';
import { tinyCourse } from './tiny-course.fixture.ts';

const course = tinyCourse(2, { baseline: true });
const at = (view: View, module = 1, page = 1) => ({
  ...freshProgress(course, 1),
  view,
  at: { module, page, question: 0 },
});

describe('placeOf: the place that the LMS bookmark and the resume button both name', () => {
  // Every screen a learner can be on, with its place and the bookmark the LMS stores for it.
  const expected: Record<View, [kind: string, bookmark: string]> = {
    intro: ['intro', 'intro'],
    menu: ['menu', 'menu'],
    page: ['page', `${course.modules[1]!.id}/${course.modules[1]!.pages[1]!.id}`],
    quizIntro: ['quiz', `${course.modules[1]!.id}/quiz`],
    question: ['quiz', `${course.modules[1]!.id}/quiz`],
    quizSummary: ['quiz', `${course.modules[1]!.id}/quiz`],
    result: ['result', `${course.modules[1]!.id}/quiz`],
    complete: ['complete', 'complete'],
    evaluation: ['evaluation', 'evaluation'],
    certificate: ['certificate', 'certificate'],
    baselineIntro: ['baseline', 'baseline'],
    baselineQuestion: ['baseline', 'baseline'],
    baselineSummary: ['baseline', 'baseline'],
  };
  it.each(VIEWS.map((view) => [view, ...expected[view]] as const))(
    '%s: %s, bookmarked as "%s"',
    (view, kind, bookmark) => {
      const progress = at(view);
      expect(placeOf(course, progress).kind).toBe(kind);
      expect(locationOf(course, progress)).toBe(bookmark);
    },
  );

  it('a page place carries its module and page, as the resume button numbers them', () => {
    expect(placeOf(course, at('page', 1, 1))).toEqual({ kind: 'page', module: course.modules[1], page: 1 });
  });

  it('a module that is not in the course (saved by an older version) is the menu', () => {
    expect(placeOf(course, at('page', 7, 0))).toEqual({ kind: 'menu' });
    expect(locationOf(course, at('question', 7, 0))).toBe('menu');
  });
});

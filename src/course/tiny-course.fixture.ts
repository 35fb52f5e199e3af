/** A small course for tests of the machine and codec: 2 modules x 2 pages, banks of 3 drawing 2, and a baseline check
 *  of one item per module (`baseline: false` leaves it out). */
import type { CourseData, CourseModule, Question } from './types.ts';
import { answerKeyHash } from './answer-key.ts';

function question(id: string, type: Question['type'], correct: string[], objective: string): Question {
  const options =
    type === 'truefalse'
      ? [
          { id: 't', html: 'True' },
          { id: 'f', html: 'False' },
        ]
      : ['a', 'b', 'c'].map((o) => ({ id: o, html: `Option ${o}` }));
  return {
    id,
    type,
    objective,
    prompt: `Prompt ${id}`,
    options,
    key: answerKeyHash(id, correct),
    fixedOrder: false,
    rationale: `Why ${id}`,
  };
}

function module(n: number): CourseModule {
  const id = `m${n}`;
  return {
    id,
    number: n,
    title: `Module ${n}`,
    minutes: 5,
    objectives: [{ id: `${id}-o1`, text: 'Objective' }],
    pages: [1, 2].map((p) => ({ id: `p${p}`, title: `Page ${p}`, html: `<p>Page ${p}</p>`, words: 2 })),
    quiz: {
      draw: 2,
      questions: [
        question(`${id}-q1`, 'single', ['b'], `${id}-o1`),
        question(`${id}-q2`, 'multiple', ['a', 'c'], `${id}-o1`),
        question(`${id}-q3`, 'truefalse', ['f'], `${id}-o1`),
      ],
    },
    contentHash: `h${n}`,
  };
}

export function tinyCourse(modules = 2, options: { baseline?: boolean } = {}): CourseData {
  const baseline = Array.from({ length: modules }, (_, i) =>
    i % 2 === 0
      ? question(`pre-m${i + 1}-1`, 'single', ['c'], `m${i + 1}-o1`)
      : question(`pre-m${i + 1}-1`, 'truefalse', ['t'], `m${i + 1}-o1`),
  );
  return {
    settings: {
      id: 'tiny-course',
      version: '1.0.0',
      title: 'Tiny course',
      passMark: 80,
      attemptLimit: 0,
      navigation: 'sequential',
      scorm12Status: 'passed-incomplete',
      quizFeedback: 'concepts',
      providerName: 'Tiny provider',
      providerAddress: '1 Tiny Street, Tinytown',
      accreditationStatement: 'Tiny accreditation.',
      activityId: 'TINY-1',
      releaseDate: '2026-01-01',
      expiryDate: '2028-01-01',
      baselineSkippable: false,
      contactHours: null,
    },
    modules: Array.from({ length: modules }, (_, i) => module(i + 1)),
    // A small default evaluation for tests only; the real items come from the course content.
    evaluation: [
      { id: 'eval-objectives', type: 'likert', prompt: 'The learning outcomes were met.' },
      { id: 'eval-balance', type: 'likert', prompt: 'The content was balanced and free of commercial bias.' },
      { id: 'eval-comment', type: 'comment', prompt: 'Any other comments?' },
    ],
    ...(options.baseline === false ? {} : { baseline: { questions: baseline, hash: 'tiny' } }),
  };
}

/** The tiny course with every kind of evaluation item (outcomes from its objectives, choices, yes/no). */
export function tinyCourseFullEvaluation(): CourseData {
  const course = tinyCourse();
  course.evaluation = [
    {
      id: 'eval-outcome',
      type: 'outcomes',
      prompt: 'How well was each outcome met?',
      outcomes: course.modules.flatMap((m) => m.objectives.map((o) => ({ id: o.id, text: `${m.title}: ${o.text}` }))),
    },
    { id: 'eval-objectives', type: 'likert', prompt: 'The learning outcomes were met.' },
    { id: 'eval-bias', type: 'yesno', prompt: 'Free of commercial bias?', comment: 'Describe any bias' },
    {
      id: 'eval-commit',
      type: 'choices',
      prompt: 'What will you change?',
      choices: ['a', 'b', 'c'].map((id) => ({ id, text: `Change ${id}` })),
      other: 'Other change',
    },
    {
      id: 'eval-barriers',
      type: 'choices',
      prompt: 'What may stop you?',
      choices: ['a', 'b'].map((id) => ({ id, text: `Barrier ${id}` })),
      other: 'Other barrier',
    },
    { id: 'eval-comment', type: 'comment', prompt: 'Any other comments?' },
  ];
  return course;
}

import { describe, expect, it } from 'vitest';
import { correctOptions } from '../course/answer-key.ts';
import { createActor } from 'xstate';
import { courseMachine } from '../course/course.machine.ts';
import { drawnQuestions } from '../course/progress.ts';
import { emptyEvaluation } from '../course/evaluation.ts';
import { tinyCourse, tinyCourseFullEvaluation } from '../course/tiny-course.fixture.ts';
import { bridgeCourseToLms } from './bridge.ts';
import { commentResponse, interactionWrites, type InteractionRecord } from './cmi.ts';
import { evaluationInteractions } from './evaluation-interactions.ts';
import type { LmsSession } from './session.ts';

const at = new Date(Date.UTC(2026, 10, 14, 9, 30, 5));
const likert: InteractionRecord = {
  id: 'eval-balance',
  type: 'likert',
  response: '4',
  at,
  description: 'Balanced, free of bias',
};
const comment: InteractionRecord = {
  id: 'eval-comment',
  type: 'comment',
  response: 'Good.\nMore cases, please.',
  at,
  description: 'Comments',
};

describe('evaluation interactions in the cmi mapping', () => {
  it('writes a SCORM 1.2 likert and fill-in interaction with a neutral result', () => {
    expect(interactionWrites('1.2', 7, likert)).toEqual([
      ['cmi.interactions.7.id', 'eval-balance'],
      ['cmi.interactions.7.time', expect.stringMatching(/^\d{2}:\d{2}:\d{2}$/)],
      ['cmi.interactions.7.type', 'likert'],
      ['cmi.interactions.7.student_response', '4'],
      ['cmi.interactions.7.result', 'neutral'],
    ]);
    expect(interactionWrites('1.2', 8, comment)).toContainEqual(['cmi.interactions.8.type', 'fill-in']);
    expect(interactionWrites('1.2', 8, comment)).toContainEqual([
      'cmi.interactions.8.student_response',
      'Good. More cases, please.',
    ]);
  });

  it('writes a SCORM 2004 likert and long-fill-in interaction with the prompt as description', () => {
    expect(interactionWrites('2004', 0, likert)).toEqual([
      ['cmi.interactions.0.id', 'urn:scp:eval-balance'],
      ['cmi.interactions.0.type', 'likert'],
      ['cmi.interactions.0.timestamp', expect.stringMatching(/^2026-11-1[45]T/)],
      ['cmi.interactions.0.learner_response', '4'],
      ['cmi.interactions.0.result', 'neutral'],
      ['cmi.interactions.0.description', 'Balanced, free of bias'],
    ]);
    expect(interactionWrites('2004', 1, comment)).toContainEqual(['cmi.interactions.1.type', 'long-fill-in']);
    expect(interactionWrites('2004', 1, comment)).toContainEqual([
      'cmi.interactions.1.learner_response',
      'Good. More cases, please.',
    ]);
  });

  it('cuts a 1.2 comment to 255 characters without splitting an emoji, and keeps 2004 comments whole', () => {
    const long = `${'a'.repeat(254)}😀 and more`;
    expect(commentResponse(long, '1.2')).toBe('a'.repeat(254));
    expect(commentResponse(`${'b'.repeat(253)}😀`, '1.2')).toBe(`${'b'.repeat(253)}😀`);
    expect(commentResponse('x'.repeat(500), '1.2')).toHaveLength(255);
    expect(commentResponse('x'.repeat(500), '2004')).toHaveLength(500);
  });

  it('keeps a comment on one line and never starting with "{", which 2004 reads as a delimiter', () => {
    expect(commentResponse('  {lang=xx} first\r\n\tsecond  ', '2004')).toBe('(lang=xx} first second');
  });
});

describe('the submitted evaluation reaches the LMS', () => {
  // Without a baseline check: this walk goes straight from Start to the modules.
  const course = tinyCourse(2, { baseline: false });

  it('maps rated items and a non-empty comment to records, skipping an empty comment', () => {
    const records = evaluationInteractions(
      course,
      { ...emptyEvaluation(course), ratings: [5, 2], comment: 'Thanks', submittedOn: '2026-11-14' },
      at,
    );
    expect(records.map((r) => [r.id, r.type, r.response])).toEqual([
      ['eval-objectives', 'likert', '5'],
      ['eval-balance', 'likert', '2'],
      ['eval-comment', 'comment', 'Thanks'],
    ]);
    expect(
      evaluationInteractions(
        course,
        { ...emptyEvaluation(course), ratings: [5, 2], comment: '  ', submittedOn: '2026-11-14' },
        at,
      ),
    ).toHaveLength(2);
  });

  it('records the evaluation exactly once, when it is submitted', () => {
    const sent: InteractionRecord[][] = [];
    const session = {
      recordInteractions: (r: InteractionRecord[]) => sent.push(r),
      update: () => {},
    } as unknown as LmsSession;
    const actor = createActor(courseMachine, {
      input: {
        course,
        rules: { passMark: 80, attemptLimit: 0, navigation: 'sequential' },
        saved: null,
        learnerSeed: 7,
      },
    }).start();
    bridgeCourseToLms(actor, session, () => at.getTime());
    actor.send({ type: 'START' });
    course.modules.forEach((_, m) => {
      actor.send({ type: 'OPEN_MODULE', module: m });
      actor.send({ type: 'NEXT' });
      actor.send({ type: 'NEXT' });
      actor.send({ type: 'START_QUIZ' });
      const { progress } = actor.getSnapshot().context;
      for (const d of drawnQuestions(course, progress, m)) {
        actor.send({ type: 'ANSWER', selected: correctOptions(d.question) });
        actor.send({ type: 'NEXT' });
      }
      actor.send({ type: 'SUBMIT' });
      actor.send({ type: 'CONTINUE' });
    });
    expect(actor.getSnapshot().value).toBe('evaluation');
    const quizRecords = sent.length;
    actor.send({ type: 'RATE', item: 0, value: 4 });
    actor.send({ type: 'RATE', item: 1, value: 5 });
    actor.send({ type: 'COMMENT', text: 'Clear and balanced.' });
    expect(sent).toHaveLength(quizRecords);
    actor.send({ type: 'SUBMIT_EVALUATION', date: '2026-11-14' });
    actor.send({ type: 'CERTIFICATE' });
    actor.send({ type: 'MENU' });
    expect(sent).toHaveLength(quizRecords + 1);
    expect(sent.at(-1)!.map((r) => `${r.id}=${r.response}`)).toEqual([
      'eval-objectives=4',
      'eval-balance=5',
      'eval-comment=Clear and balanced.',
    ]);
  });
});

describe('the evaluation additions reach the LMS (outcomes, commitment, barriers, commercial bias)', () => {
  const full = tinyCourseFullEvaluation();
  const answered = {
    ...emptyEvaluation(full),
    ratings: [4],
    outcomes: [3, null],
    chosen: [['a', 'c'], []],
    answers: [true],
    texts: ['Teach colleagues', '', ''],
    comment: '',
    submittedOn: '2026-11-14',
    licence: { number: 'RN-1', state: 'OH' },
  };

  it('sends one interaction per answer, nothing for what was left out, and never the licence', () => {
    const records = evaluationInteractions(full, answered, at);
    expect(records.map((r) => [r.id, r.type, r.response, r.description])).toEqual([
      ['eval-outcome-m1-o1', 'likert', '3', 'Module 1: Objective'],
      ['eval-objectives', 'likert', '4', 'The learning outcomes were met.'],
      ['eval-commit', 'choices', 'a,c', 'What will you change?'],
      ['eval-bias', 'yesno', 't', 'Free of commercial bias?'],
      ['eval-commit-other', 'comment', 'Teach colleagues', 'Other change'],
    ]);
    expect(JSON.stringify(records)).not.toContain('RN-1');
  });

  it("writes them in each version's format: choice and true-false, results neutral", () => {
    const [, , choice, yesno, other] = evaluationInteractions(full, answered, at);
    expect(interactionWrites('1.2', 3, choice!)).toEqual([
      ['cmi.interactions.3.id', 'eval-commit'],
      ['cmi.interactions.3.time', expect.stringMatching(/^\d{2}:\d{2}:\d{2}$/)],
      ['cmi.interactions.3.type', 'choice'],
      ['cmi.interactions.3.student_response', 'a,c'],
      ['cmi.interactions.3.result', 'neutral'],
    ]);
    expect(interactionWrites('2004', 3, choice!)).toContainEqual(['cmi.interactions.3.learner_response', 'a[,]c']);
    expect(interactionWrites('2004', 3, choice!)).toContainEqual(['cmi.interactions.3.type', 'choice']);
    expect(interactionWrites('1.2', 4, yesno!)).toContainEqual(['cmi.interactions.4.type', 'true-false']);
    expect(interactionWrites('1.2', 4, yesno!)).toContainEqual(['cmi.interactions.4.student_response', 't']);
    expect(interactionWrites('2004', 4, yesno!)).toContainEqual(['cmi.interactions.4.learner_response', 'true']);
    expect(interactionWrites('1.2', 5, other!)).toContainEqual(['cmi.interactions.5.type', 'fill-in']);
    expect(interactionWrites('2004', 5, other!)).toContainEqual(['cmi.interactions.5.type', 'long-fill-in']);
  });

  it('cuts a 2004 description to 250 characters without splitting an emoji', () => {
    const long = {
      id: 'eval-outcome-m1-o1',
      type: 'likert' as const,
      response: '2',
      at,
      description: `${'d'.repeat(249)}😀`,
    };
    expect(interactionWrites('2004', 0, long)).toContainEqual(['cmi.interactions.0.description', 'd'.repeat(249)]);
  });
});

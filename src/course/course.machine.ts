/**
 * The course statechart: the one place that decides where the learner can go and what a quiz attempt records.
 * Screens send these events, render snapshots and ask the machine what is possible (`snapshot.can(event)`, tags
 * 'module' and 'end'); the LMS layer reads snapshots and listens to the events the machine emits (an answer, a
 * submitted attempt, the submitted evaluation, the learner's exit). No DOM, no SCORM here.
 *
 * The screen the learner is on is the machine's own state value; `savedProgress(snapshot)` writes it into the
 * progress that is saved, and RESUME goes back to the saved screen. `progress.view` in the context is the view
 * the saved progress was restored with (read by the resume prompt), not the current screen.
 */
import { assign, emit, setup, transition, type SnapshotFrom } from 'xstate';
import type { CourseData } from './types.ts';
import {
  allQuizzesPassed,
  attemptsLeft,
  certificateReady,
  drawnQuestions,
  entryPage,
  freshProgress,
  hasOpenAttempt,
  resumableUnder,
  hasProgress,
  isModuleUnlocked,
  type ModuleProgress,
  type Progress,
  type Rules,
  type View,
  VIEWS,
  type AttemptState,
} from './progress.ts';
import { isCorrect, isPassing, scorePercent } from './quiz.ts';
import {
  capComment,
  choiceItems,
  evaluationAnswered,
  isIsoDate,
  isOutcomeRating,
  isRating,
  TEXT_MAX,
  textItems,
  yesNoItems,
  type EvaluationProgress,
} from './evaluation.ts';
import { licenceProblems, type Licence } from './certificate.ts';
import type { Question } from './types.ts';
import { baselineAnswered, baselinePending } from './baseline.ts';

export interface CourseInput {
  course: CourseData;
  rules: Rules;
  /** Progress decoded from the LMS (or device) when there is some; the learner is asked to resume. */
  saved: Progress | null;
  /** Seeds quiz draws for a learner without saved progress. */
  learnerSeed: number;
}

export interface CourseContext {
  course: CourseData;
  rules: Rules;
  progress: Progress;
}

export type CourseEvent =
  | { type: 'RESUME' }
  | { type: 'START_OVER' }
  | { type: 'START' }
  | { type: 'MENU' }
  | { type: 'OPEN_MODULE'; module: number }
  | { type: 'NEXT' }
  | { type: 'BACK' }
  | { type: 'GOTO_PAGE'; page: number }
  | { type: 'START_QUIZ' }
  | { type: 'ANSWER'; selected: string[] }
  | { type: 'GOTO_QUESTION'; question: number }
  | { type: 'SUBMIT' }
  | { type: 'RETRY' }
  | { type: 'REVIEW_MODULE' }
  | { type: 'CONTINUE' }
  | { type: 'FINISH' }
  /** Course evaluation: `item` indexes the Likert items in course order, `value` is 1-5. */
  | { type: 'RATE'; item: number; value: number }
  | { type: 'COMMENT'; text: string }
  /** How well learning outcome `item` (EvaluationProgress.outcomes) was met, 1-3. */
  | { type: 'RATE_OUTCOME'; item: number; value: number }
  /** Choose or unchoose `choice` of choices item `item` (in course order). */
  | { type: 'CHOOSE'; item: number; choice: string; chosen: boolean }
  /** Answer yes/no item `item` (in course order). */
  | { type: 'ANSWER_YESNO'; item: number; value: boolean }
  /** The free text of text item `item` (EvaluationProgress.texts: choices items, then yes/no items). */
  | { type: 'TEXT'; item: number; text: string }
  /** The learner's licence for the certificate (both parts, or both empty to remove it). */
  | { type: 'LICENCE'; licence: Licence }
  /** `date` is the learner's local date (YYYY-MM-DD): the certificate's completion date. */
  | { type: 'SUBMIT_EVALUATION'; date: string }
  | { type: 'CERTIFICATE' }
  /** Baseline check before Module 1: begin (or continue) it, or skip it where course.yaml allows. Its screens
   *  reuse ANSWER, NEXT, BACK, GOTO_QUESTION and SUBMIT. */
  | { type: 'START_BASELINE' }
  | { type: 'SKIP_BASELINE' }
  /** The learner leaves (the Exit button, or the page is closed): the machine stops and refuses further events. */
  | { type: 'EXIT' };

/** One question of a submitted attempt, graded. */
interface GradedAnswer {
  question: Question;
  response: string[];
  correct: boolean;
}

/** What the machine tells the outside world (the LMS layer) as it happens: `actor.on(type, listener)`. */
export type CourseEmitted =
  /** The learner chose (or cleared) an answer to question `question` of attempt `attempt` of module `module`. */
  | { type: 'answered'; module: number; attempt: number; question: number }
  /** An attempt was submitted and scored. */
  | { type: 'attemptSubmitted'; module: number; attempt: AttemptState; results: GradedAnswer[] }
  /** The course evaluation was submitted. */
  | { type: 'evaluationSubmitted'; evaluation: EvaluationProgress }
  /** The learner chose (or cleared) an answer to baseline item `question` (bank order). */
  | { type: 'baselineAnswered'; question: number }
  /** The baseline check was submitted: every item graded (it never counts towards passing). */
  | { type: 'baselineSubmitted'; results: GradedAnswer[] }
  /** The learner left: the session with the LMS ends now. */
  | { type: 'exited' };

// ---- small immutable helpers -------------------------------------------------------------------------------

type Ctx = CourseContext;

function current(ctx: Ctx): ModuleProgress {
  return ctx.progress.modules[ctx.progress.at.module] as ModuleProgress;
}

function withModule(ctx: Ctx, index: number, change: (m: ModuleProgress) => ModuleProgress): Progress {
  const modules = ctx.progress.modules.map((m, i) => (i === index ? change(m) : m));
  return { ...ctx.progress, modules };
}

function at(ctx: Ctx, place: Partial<Progress['at']>): Progress {
  return { ...ctx.progress, at: { ...ctx.progress.at, ...place } };
}

function pageCount(ctx: Ctx): number {
  return ctx.course.modules[ctx.progress.at.module]?.pages.length ?? 0;
}

function questionCount(ctx: Ctx): number {
  return current(ctx).attempt?.answers.length ?? 0;
}

function baselineCount(ctx: Ctx): number {
  return ctx.progress.baseline.answers.length;
}

/** Whether `selected` is a valid answer to `question`: known, distinct options, at most one unless "multiple". An
 *  empty selection clears the answer (the learner unticked the last box): the question is unanswered again. */
function validSelection(question: Question, selected: readonly string[]): boolean {
  const ids = new Set(question.options.map((o) => o.id));
  const single = question.type !== 'multiple';
  return (
    selected.every((id) => ids.has(id)) &&
    new Set(selected).size === selected.length &&
    (!single || selected.length <= 1)
  );
}

function newAttempt(module: ModuleProgress, draw: number): ModuleProgress {
  return {
    ...module,
    attempt: {
      number: module.attempts + 1,
      answers: Array.from({ length: draw }, () => null),
      submitted: false,
      score: null,
    },
  };
}

export const courseMachine = setup({
  types: {
    context: {} as CourseContext,
    events: {} as CourseEvent,
    input: {} as CourseInput,
    emitted: {} as CourseEmitted,
  },
  guards: {
    hasSaved: ({ context }) => hasProgress(context.progress),
    savedViewIs: ({ context }, view: View) => context.progress.view === view,
    canOpenModule: ({ context, event }) =>
      event.type === 'OPEN_MODULE' &&
      isModuleUnlocked(context.progress, context.rules, event.module) &&
      !baselinePending(context.course, context.progress.baseline),
    hasNextPage: ({ context }) => context.progress.at.page < pageCount(context) - 1,
    hasPreviousPage: ({ context }) => context.progress.at.page > 0,
    quizPassed: ({ context }) => current(context).passed,
    canGotoPage: ({ context, event }) => event.type === 'GOTO_PAGE' && current(context).visited[event.page] === true,
    canStartQuiz: ({ context }) => {
      const module = current(context);
      return !module.passed && (hasOpenAttempt(module) || attemptsLeft(module, context.rules) > 0);
    },
    canAnswer: ({ context, event }) => {
      if (event.type !== 'ANSWER') return false;
      const attempt = current(context).attempt;
      const drawn = drawnQuestions(context.course, context.progress, context.progress.at.module)[
        context.progress.at.question
      ];
      if (!attempt || attempt.submitted || !drawn) return false;
      return validSelection(drawn.question, event.selected);
    },
    hasNextQuestion: ({ context }) => context.progress.at.question < questionCount(context) - 1,
    hasPreviousQuestion: ({ context }) => context.progress.at.question > 0,
    canGotoQuestion: ({ context, event }) =>
      event.type === 'GOTO_QUESTION' && event.question >= 0 && event.question < questionCount(context),
    allAnswered: ({ context }) => current(context).attempt?.answers.every((a) => a !== null) === true,
    canRetry: ({ context }) => {
      const module = current(context);
      return !module.passed && attemptsLeft(module, context.rules) > 0;
    },
    courseDone: ({ context }) => allQuizzesPassed(context.progress),
    nextModuleOpen: ({ context }) => isModuleUnlocked(context.progress, context.rules, context.progress.at.module + 1),
    certificateReady: ({ context }) => certificateReady(context.progress),
    // After the activity's expiry date no certificate is issued (the record still goes to the LMS).
    canIssueCertificate: ({ context }) => certificateReady(context.progress) && !context.rules.creditExpired,
    canRate: ({ context, event }) =>
      event.type === 'RATE' &&
      context.progress.evaluation.submittedOn === null &&
      event.item >= 0 &&
      event.item < context.progress.evaluation.ratings.length &&
      isRating(event.value),
    evaluationOpen: ({ context }) => context.progress.evaluation.submittedOn === null,
    canRateOutcome: ({ context: { progress }, event }) =>
      event.type === 'RATE_OUTCOME' &&
      progress.evaluation.submittedOn === null &&
      event.item >= 0 &&
      event.item < progress.evaluation.outcomes.length &&
      isOutcomeRating(event.value),
    canChoose: ({ context, event }) =>
      event.type === 'CHOOSE' &&
      context.progress.evaluation.submittedOn === null &&
      choiceItems(context.course)[event.item]?.choices.some((c) => c.id === event.choice) === true,
    canAnswerYesNo: ({ context, event }) =>
      event.type === 'ANSWER_YESNO' &&
      context.progress.evaluation.submittedOn === null &&
      event.item >= 0 &&
      event.item < yesNoItems(context.course).length,
    canText: ({ context, event }) =>
      event.type === 'TEXT' &&
      context.progress.evaluation.submittedOn === null &&
      event.item >= 0 &&
      event.item < textItems(context.course).length,
    canSetLicence: ({ event }) => event.type === 'LICENCE' && Object.keys(licenceProblems(event.licence)).length === 0,
    baselinePending: ({ context }) => baselinePending(context.course, context.progress.baseline),
    baselineSkippable: ({ context }) =>
      (context.course.settings.baselineSkippable || context.rules.baselineOptional === true) &&
      baselinePending(context.course, context.progress.baseline),
    canAnswerBaseline: ({ context, event }) => {
      if (event.type !== 'ANSWER' || !baselinePending(context.course, context.progress.baseline)) return false;
      const question = context.course.baseline?.questions[context.progress.at.question];
      return question !== undefined && validSelection(question, event.selected);
    },
    hasNextBaselineQuestion: ({ context }) => context.progress.at.question < baselineCount(context) - 1,
    canGotoBaselineQuestion: ({ context, event }) =>
      event.type === 'GOTO_QUESTION' && event.question >= 0 && event.question < baselineCount(context),
    baselineAnswered: ({ context }) =>
      baselinePending(context.course, context.progress.baseline) && baselineAnswered(context.progress.baseline),
    canSubmitEvaluation: ({ context, event }) =>
      event.type === 'SUBMIT_EVALUATION' &&
      context.progress.evaluation.submittedOn === null &&
      evaluationAnswered(context.progress.evaluation) &&
      isIsoDate(event.date),
  },
  actions: {
    startOver: assign({
      // Start over forgets where the learner was and which pages were seen, never a quiz result.
      progress: ({ context }) => ({
        ...context.progress,
        view: 'intro' as View,
        at: { module: 0, page: 0, question: 0 },
        modules: context.progress.modules.map((m) => ({
          ...m,
          visited: m.visited.map(() => false),
          attempt: m.attempt?.submitted ? m.attempt : null,
        })),
      }),
    }),
    markVisited: assign({
      progress: ({ context }) =>
        withModule(context, context.progress.at.module, (m) => ({
          ...m,
          visited: m.visited.map((v, i) => v || i === context.progress.at.page),
        })),
    }),
    openModule: assign({
      progress: ({ context, event }) => {
        const index = event.type === 'OPEN_MODULE' ? event.module : context.progress.at.module;
        const module = context.progress.modules[index] as ModuleProgress;
        return at(context, { module: index, page: entryPage(module), question: 0 });
      },
    }),
    nextPage: assign({ progress: ({ context }) => at(context, { page: context.progress.at.page + 1 }) }),
    previousPage: assign({ progress: ({ context }) => at(context, { page: context.progress.at.page - 1 }) }),
    lastPage: assign({ progress: ({ context }) => at(context, { page: pageCount(context) - 1 }) }),
    firstPage: assign({ progress: ({ context }) => at(context, { page: 0, question: 0 }) }),
    gotoPage: assign({
      progress: ({ context, event }) =>
        event.type === 'GOTO_PAGE' ? at(context, { page: event.page }) : context.progress,
    }),
    openAttempt: assign({
      progress: ({ context }) => {
        const index = context.progress.at.module;
        const module = current(context);
        if (hasOpenAttempt(module)) {
          const firstUnanswered = module.attempt!.answers.indexOf(null);
          return at(context, { question: Math.max(0, firstUnanswered) });
        }
        const draw = context.course.modules[index]!.quiz.draw;
        const progress = withModule(context, index, (m) => newAttempt(m, draw));
        return { ...progress, at: { ...progress.at, question: 0 } };
      },
    }),
    answer: assign({
      progress: ({ context, event }) => {
        if (event.type !== 'ANSWER') return context.progress;
        const q = context.progress.at.question;
        return withModule(context, context.progress.at.module, (m) => ({
          ...m,
          attempt: m.attempt && {
            ...m.attempt,
            answers: m.attempt.answers.map((a, i) =>
              i === q ? (event.selected.length > 0 ? [...event.selected] : null) : a,
            ),
          },
        }));
      },
    }),
    emitAnswered: emit(({ context }) => ({
      type: 'answered' as const,
      module: context.progress.at.module,
      attempt: current(context).attempt?.number ?? 0,
      question: context.progress.at.question,
    })),
    nextQuestion: assign({ progress: ({ context }) => at(context, { question: context.progress.at.question + 1 }) }),
    previousQuestion: assign({
      progress: ({ context }) => at(context, { question: context.progress.at.question - 1 }),
    }),
    gotoQuestion: assign({
      progress: ({ context, event }) =>
        event.type === 'GOTO_QUESTION' ? at(context, { question: event.question }) : context.progress,
    }),
    submit: assign({
      progress: ({ context }) => {
        const index = context.progress.at.module;
        const drawn = drawnQuestions(context.course, context.progress, index);
        return withModule(context, index, (m) => {
          const score = scorePercent(drawn, m.attempt!.answers);
          return {
            ...m,
            attempts: m.attempts + 1,
            best: Math.max(m.best ?? 0, score),
            passed: m.passed || isPassing(score, context.rules.passMark),
            attempt: { ...m.attempt!, submitted: true, score },
          };
        });
      },
    }),
    /** Runs after `submit`: the context holds the scored attempt. */
    emitAttemptSubmitted: emit(({ context }) => {
      const index = context.progress.at.module;
      const attempt = current(context).attempt!;
      const results = drawnQuestions(context.course, context.progress, index).map((d, q) => {
        const response = attempt.answers[q] ?? [];
        return { question: d.question, response, correct: isCorrect(d.question, response) };
      });
      return { type: 'attemptSubmitted' as const, module: index, attempt, results };
    }),
    nextModule: assign({
      progress: ({ context }) => {
        const index = context.progress.at.module + 1;
        return at(context, {
          module: index,
          page: entryPage(context.progress.modules[index] as ModuleProgress),
          question: 0,
        });
      },
    }),
    rate: assign({
      progress: ({ context, event }) => {
        if (event.type !== 'RATE') return context.progress;
        const { evaluation } = context.progress;
        const ratings = evaluation.ratings.map((r, i) => (i === event.item ? event.value : r));
        return { ...context.progress, evaluation: { ...evaluation, ratings } };
      },
    }),
    comment: assign({
      progress: ({ context, event }) =>
        event.type === 'COMMENT'
          ? { ...context.progress, evaluation: { ...context.progress.evaluation, comment: capComment(event.text) } }
          : context.progress,
    }),
    rateOutcome: assign({
      progress: ({ context: { progress }, event }) => {
        if (event.type !== 'RATE_OUTCOME') return progress;
        const outcomes = progress.evaluation.outcomes.map((r, i) => (i === event.item ? event.value : r));
        return { ...progress, evaluation: { ...progress.evaluation, outcomes } };
      },
    }),
    choose: assign({
      progress: ({ context: { course, progress }, event }) => {
        if (event.type !== 'CHOOSE') return progress;
        const was = progress.evaluation.chosen[event.item] ?? [];
        // Kept in the item's order, so that the saved and the reported answers do not depend on the clicking order.
        const choices = choiceItems(course)[event.item]!.choices;
        const now = choices.map((c) => c.id).filter((id) => (id === event.choice ? event.chosen : was.includes(id)));
        const chosen = progress.evaluation.chosen.map((c, i) => (i === event.item ? now : c));
        return { ...progress, evaluation: { ...progress.evaluation, chosen } };
      },
    }),
    answerYesNo: assign({
      progress: ({ context: { progress }, event }) => {
        if (event.type !== 'ANSWER_YESNO') return progress;
        const answers = progress.evaluation.answers.map((a, i) => (i === event.item ? event.value : a));
        return { ...progress, evaluation: { ...progress.evaluation, answers } };
      },
    }),
    text: assign({
      progress: ({ context: { progress }, event }) => {
        if (event.type !== 'TEXT') return progress;
        const texts = progress.evaluation.texts.map((t, i) =>
          i === event.item ? capComment(event.text, TEXT_MAX) : t,
        );
        return { ...progress, evaluation: { ...progress.evaluation, texts } };
      },
    }),
    setLicence: assign({
      progress: ({ context: { progress }, event }) =>
        event.type === 'LICENCE'
          ? {
              ...progress,
              evaluation: {
                ...progress.evaluation,
                licence: { number: event.licence.number.trim(), state: event.licence.state },
              },
            }
          : progress,
    }),
    submitEvaluation: assign({
      progress: ({ context, event }) =>
        event.type === 'SUBMIT_EVALUATION'
          ? { ...context.progress, evaluation: { ...context.progress.evaluation, submittedOn: event.date } }
          : context.progress,
    }),
    emitEvaluationSubmitted: emit(({ context }) => ({
      type: 'evaluationSubmitted' as const,
      evaluation: context.progress.evaluation,
    })),
    emitExited: emit({ type: 'exited' as const }),
    openBaseline: assign({
      // Back at the first item not answered yet (a learner who left half-way), or the first one.
      progress: ({ context }) =>
        at(context, { question: Math.max(0, context.progress.baseline.answers.indexOf(null)) }),
    }),
    answerBaseline: assign({
      progress: ({ context, event }) => {
        if (event.type !== 'ANSWER') return context.progress;
        const q = context.progress.at.question;
        const { baseline } = context.progress;
        const answers = baseline.answers.map((a, i) =>
          i === q ? (event.selected.length > 0 ? [...event.selected] : null) : a,
        );
        return { ...context.progress, baseline: { ...baseline, answers } };
      },
    }),
    emitBaselineAnswered: emit(({ context }) => ({
      type: 'baselineAnswered' as const,
      question: context.progress.at.question,
    })),
    submitBaseline: assign({
      progress: ({ context }) => ({
        ...context.progress,
        baseline: { ...context.progress.baseline, status: 'done' as const },
        at: { module: 0, page: 0, question: 0 },
      }),
    }),
    emitBaselineSubmitted: emit(({ context }) => {
      const { answers } = context.progress.baseline;
      const results = (context.course.baseline?.questions ?? []).map((question, i) => {
        const response = answers[i] ?? [];
        return { question, response, correct: isCorrect(question, response) };
      });
      return { type: 'baselineSubmitted' as const, results };
    }),
    skipBaseline: assign({
      // A skipped check keeps no half-given answers: nothing of it is compared or sent.
      progress: ({ context }) => ({
        ...context.progress,
        baseline: { status: 'skipped' as const, answers: context.progress.baseline.answers.map(() => null) },
        at: { module: 0, page: 0, question: 0 },
      }),
    }),
  },
}).createMachine({
  id: 'course',
  context: ({ input }) => ({
    course: input.course,
    rules: input.rules,
    progress: input.saved ? resumableUnder(input.saved, input.rules) : freshProgress(input.course, input.learnerSeed),
  }),
  initial: 'launch',
  // From anywhere, Exit ends the course session; the final state accepts nothing more.
  on: { EXIT: { target: '.exited' } },
  states: {
    launch: {
      always: [{ guard: 'hasSaved', target: 'resumePrompt' }, { target: 'intro' }],
    },
    resumePrompt: {
      on: {
        // Back to the saved screen (each view is a state of the same name; the codec has already checked that the
        // saved place still fits the course and the progress).
        RESUME: VIEWS.map((view) => ({ guard: { type: 'savedViewIs' as const, params: view }, target: view })),
        START_OVER: { target: 'intro', actions: 'startOver' },
      },
    },
    intro: {
      // The baseline check comes between the CE introduction (disclosures, outcome) and Module 1.
      on: {
        START: [{ guard: 'baselinePending', target: 'baselineIntro' }, { target: 'menu' }],
        MENU: [{ guard: 'baselinePending', target: 'baselineIntro' }, { target: 'menu' }],
      },
    },
    /** "This is not graded…": begin the baseline check, or skip it where course.yaml allows. */
    baselineIntro: {
      on: {
        START_BASELINE: { guard: 'baselinePending', target: 'baselineQuestion', actions: 'openBaseline' },
        SKIP_BASELINE: { guard: 'baselineSkippable', target: 'menu', actions: 'skipBaseline' },
        BACK: 'intro',
      },
    },
    /** One baseline item per screen, like the quiz (at.question indexes the bank). */
    baselineQuestion: {
      on: {
        ANSWER: { guard: 'canAnswerBaseline', actions: ['answerBaseline', 'emitBaselineAnswered'] },
        NEXT: [
          { guard: 'hasNextBaselineQuestion', target: 'baselineQuestion', reenter: true, actions: 'nextQuestion' },
          { target: 'baselineSummary' },
        ],
        BACK: [
          { guard: 'hasPreviousQuestion', target: 'baselineQuestion', reenter: true, actions: 'previousQuestion' },
          { target: 'baselineIntro' },
        ],
      },
    },
    baselineSummary: {
      on: {
        SUBMIT: {
          guard: 'baselineAnswered',
          target: 'menu',
          actions: ['submitBaseline', 'emitBaselineSubmitted'],
        },
        GOTO_QUESTION: { guard: 'canGotoBaselineQuestion', target: 'baselineQuestion', actions: 'gotoQuestion' },
        BACK: 'baselineQuestion',
      },
    },
    menu: {
      on: {
        OPEN_MODULE: { guard: 'canOpenModule', target: 'page', actions: 'openModule' },
        BACK: 'intro',
        FINISH: [
          { guard: 'certificateReady', target: 'complete' },
          { guard: 'courseDone', target: 'evaluation' },
        ],
        CERTIFICATE: { guard: 'canIssueCertificate', target: 'certificate' },
      },
    },
    page: {
      tags: ['module'],
      entry: 'markVisited',
      on: {
        NEXT: [
          { guard: 'hasNextPage', target: 'page', reenter: true, actions: 'nextPage' },
          { guard: 'quizPassed', target: 'result' },
          { target: 'quizIntro' },
        ],
        BACK: [
          { guard: 'hasPreviousPage', target: 'page', reenter: true, actions: 'previousPage' },
          { target: 'menu' },
        ],
        GOTO_PAGE: { guard: 'canGotoPage', target: 'page', reenter: true, actions: 'gotoPage' },
        MENU: 'menu',
      },
    },
    quizIntro: {
      tags: ['module'],
      on: {
        START_QUIZ: { guard: 'canStartQuiz', target: 'question', actions: 'openAttempt' },
        BACK: { target: 'page', actions: 'lastPage' },
        GOTO_PAGE: { guard: 'canGotoPage', target: 'page', actions: 'gotoPage' },
        MENU: 'menu',
      },
    },
    question: {
      tags: ['module'],
      on: {
        ANSWER: { guard: 'canAnswer', actions: ['answer', 'emitAnswered'] },
        NEXT: [
          { guard: 'hasNextQuestion', target: 'question', reenter: true, actions: 'nextQuestion' },
          { target: 'quizSummary' },
        ],
        BACK: [
          { guard: 'hasPreviousQuestion', target: 'question', reenter: true, actions: 'previousQuestion' },
          { target: 'quizIntro' },
        ],
        MENU: 'menu',
      },
    },
    quizSummary: {
      tags: ['module'],
      on: {
        SUBMIT: { guard: 'allAnswered', target: 'result', actions: ['submit', 'emitAttemptSubmitted'] },
        GOTO_QUESTION: { guard: 'canGotoQuestion', target: 'question', actions: 'gotoQuestion' },
        BACK: 'question',
        MENU: 'menu',
      },
    },
    result: {
      tags: ['module'],
      on: {
        RETRY: { guard: 'canRetry', target: 'question', actions: 'openAttempt' },
        REVIEW_MODULE: { target: 'page', actions: 'firstPage' },
        CONTINUE: [
          { guard: 'certificateReady', target: 'complete' },
          { guard: 'courseDone', target: 'evaluation' },
          { guard: 'nextModuleOpen', target: 'page', actions: 'nextModule' },
          { target: 'menu' },
        ],
        MENU: 'menu',
      },
    },
    /** Reached only with every quiz passed; the LMS already records the course as passed here. */
    evaluation: {
      tags: ['end'],
      on: {
        RATE: { guard: 'canRate', actions: 'rate' },
        COMMENT: { guard: 'evaluationOpen', actions: 'comment' },
        RATE_OUTCOME: { guard: 'canRateOutcome', actions: 'rateOutcome' },
        CHOOSE: { guard: 'canChoose', actions: 'choose' },
        ANSWER_YESNO: { guard: 'canAnswerYesNo', actions: 'answerYesNo' },
        TEXT: { guard: 'canText', actions: 'text' },
        SUBMIT_EVALUATION: {
          guard: 'canSubmitEvaluation',
          target: 'complete',
          actions: ['submitEvaluation', 'emitEvaluationSubmitted'],
        },
        MENU: 'menu',
      },
    },
    complete: {
      tags: ['end'],
      on: {
        MENU: 'menu',
        OPEN_MODULE: { guard: 'canOpenModule', target: 'page', actions: 'openModule' },
        CERTIFICATE: { guard: 'canIssueCertificate', target: 'certificate' },
      },
    },
    certificate: {
      tags: ['end'],
      on: {
        LICENCE: { guard: 'canSetLicence', actions: 'setLicence' },
        BACK: 'complete',
        MENU: 'menu',
      },
    },
    exited: {
      type: 'final',
      entry: 'emitExited',
    },
  },
});

type CourseSnapshotLike = { value: unknown; context: CourseContext };

/** The screen (view) of a snapshot, or null in the states that are not screens (launch, resume prompt, exited). */
export function viewOf(snapshot: CourseSnapshotLike): View | null {
  const value = String(snapshot.value);
  return (VIEWS as readonly string[]).includes(value) ? (value as View) : null;
}

/** The progress to save: the context's progress with the screen the learner is on. */
export function savedProgress(snapshot: CourseSnapshotLike): Progress {
  const view = viewOf(snapshot);
  const { progress } = snapshot.context;
  return view === null || view === progress.view ? progress : { ...progress, view };
}

/** The state an event would lead to from this snapshot (nothing is changed or emitted): for labels such as
 *  "Continue to Module 3" that name where the machine will go. */
export function destinationOf(snapshot: SnapshotFrom<typeof courseMachine>, event: CourseEvent): string {
  return String(transition(courseMachine, snapshot, event)[0].value);
}

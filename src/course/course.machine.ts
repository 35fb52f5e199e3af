/**
 * The course statechart: the one place that decides where the learner can go and what a quiz attempt records.
 * Screens send these events and render snapshots; the LMS layer reads snapshots. No DOM, no SCORM here.
 */
import { assign, setup } from 'xstate';
import type { CourseData } from './types.ts';
import {
  allQuizzesPassed,
  attemptsLeft,
  certificateReady,
  drawnQuestions,
  entryPage,
  freshProgress,
  hasOpenAttempt,
  hasProgress,
  isModuleUnlocked,
  type ModuleProgress,
  type Progress,
  type Rules,
  type View,
} from './progress.ts';
import { isPassing, scorePercent } from './quiz.ts';
import { capComment, evaluationAnswered, isIsoDate, isRating } from './evaluation.ts';

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
  /** `date` is the learner's local date (YYYY-MM-DD): the certificate's completion date. */
  | { type: 'SUBMIT_EVALUATION'; date: string }
  | { type: 'CERTIFICATE' };

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
  },
  guards: {
    hasSaved: ({ context }) => hasProgress(context.progress),
    savedViewIs: ({ context }, view: View) => context.progress.view === view,
    canOpenModule: ({ context, event }) =>
      event.type === 'OPEN_MODULE' && isModuleUnlocked(context.progress, context.rules, event.module),
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
      const ids = new Set(drawn.question.options.map((o) => o.id));
      const unique = new Set(event.selected);
      const single = drawn.question.type !== 'multiple';
      return (
        event.selected.every((id) => ids.has(id)) &&
        unique.size === event.selected.length &&
        event.selected.length > 0 &&
        (!single || event.selected.length === 1)
      );
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
    canRate: ({ context, event }) =>
      event.type === 'RATE' &&
      context.progress.evaluation.submittedOn === null &&
      event.item >= 0 &&
      event.item < context.progress.evaluation.ratings.length &&
      isRating(event.value),
    evaluationOpen: ({ context }) => context.progress.evaluation.submittedOn === null,
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
            answers: m.attempt.answers.map((a, i) => (i === q ? [...event.selected] : a)),
          },
        }));
      },
    }),
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
    submitEvaluation: assign({
      progress: ({ context, event }) =>
        event.type === 'SUBMIT_EVALUATION'
          ? { ...context.progress, evaluation: { ...context.progress.evaluation, submittedOn: event.date } }
          : context.progress,
    }),
    /** Records the screen the learner is on, so saved progress can put them back there. */
    setView: assign(({ context }, view: View) => ({ progress: { ...context.progress, view } })),
  },
}).createMachine({
  id: 'course',
  context: ({ input }) => ({
    course: input.course,
    rules: input.rules,
    progress: input.saved ?? freshProgress(input.course, input.learnerSeed),
  }),
  initial: 'launch',
  states: {
    launch: {
      always: [{ guard: 'hasSaved', target: 'resumePrompt' }, { target: 'intro' }],
    },
    resumePrompt: {
      on: {
        RESUME: [
          { guard: { type: 'savedViewIs', params: 'page' }, target: 'page' },
          { guard: { type: 'savedViewIs', params: 'quizIntro' }, target: 'quizIntro' },
          { guard: { type: 'savedViewIs', params: 'question' }, target: 'question' },
          { guard: { type: 'savedViewIs', params: 'quizSummary' }, target: 'quizSummary' },
          { guard: { type: 'savedViewIs', params: 'result' }, target: 'result' },
          { guard: { type: 'savedViewIs', params: 'complete' }, target: 'complete' },
          { guard: { type: 'savedViewIs', params: 'evaluation' }, target: 'evaluation' },
          { guard: { type: 'savedViewIs', params: 'certificate' }, target: 'certificate' },
          { guard: { type: 'savedViewIs', params: 'intro' }, target: 'intro' },
          { target: 'menu' },
        ],
        START_OVER: { target: 'intro', actions: 'startOver' },
      },
    },
    intro: {
      entry: { type: 'setView', params: 'intro' },
      on: { START: 'menu', MENU: 'menu' },
    },
    menu: {
      entry: { type: 'setView', params: 'menu' },
      on: {
        OPEN_MODULE: { guard: 'canOpenModule', target: 'page', actions: 'openModule' },
        BACK: 'intro',
        FINISH: [
          { guard: 'certificateReady', target: 'complete' },
          { guard: 'courseDone', target: 'evaluation' },
        ],
        CERTIFICATE: { guard: 'certificateReady', target: 'certificate' },
      },
    },
    page: {
      entry: [{ type: 'setView', params: 'page' }, 'markVisited'],
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
      entry: { type: 'setView', params: 'quizIntro' },
      on: {
        START_QUIZ: { guard: 'canStartQuiz', target: 'question', actions: 'openAttempt' },
        BACK: { target: 'page', actions: 'lastPage' },
        GOTO_PAGE: { guard: 'canGotoPage', target: 'page', actions: 'gotoPage' },
        MENU: 'menu',
      },
    },
    question: {
      entry: { type: 'setView', params: 'question' },
      on: {
        ANSWER: { guard: 'canAnswer', actions: 'answer' },
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
      entry: { type: 'setView', params: 'quizSummary' },
      on: {
        SUBMIT: { guard: 'allAnswered', target: 'result', actions: 'submit' },
        GOTO_QUESTION: { guard: 'canGotoQuestion', target: 'question', actions: 'gotoQuestion' },
        BACK: 'question',
        MENU: 'menu',
      },
    },
    result: {
      entry: { type: 'setView', params: 'result' },
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
      entry: { type: 'setView', params: 'evaluation' },
      on: {
        RATE: { guard: 'canRate', actions: 'rate' },
        COMMENT: { guard: 'evaluationOpen', actions: 'comment' },
        SUBMIT_EVALUATION: { guard: 'canSubmitEvaluation', target: 'complete', actions: 'submitEvaluation' },
        MENU: 'menu',
      },
    },
    complete: {
      entry: { type: 'setView', params: 'complete' },
      on: {
        MENU: 'menu',
        OPEN_MODULE: { guard: 'canOpenModule', target: 'page', actions: 'openModule' },
        CERTIFICATE: { guard: 'certificateReady', target: 'certificate' },
      },
    },
    certificate: {
      entry: { type: 'setView', params: 'certificate' },
      on: {
        BACK: 'complete',
        MENU: 'menu',
      },
    },
  },
});

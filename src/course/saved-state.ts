/**
 * The saved-state codec: progress <-> a short versioned string for suspend_data (SCORM 1.2 allows only 4096
 * characters) or device storage. Decoding never trusts its input: anything malformed is reported, and a module
 * whose content changed since the save (its content hash differs) keeps only its quiz results.
 *
 * Format version 3:  3|<course hash>|<learner seed>|<view>.<module>.<page>.<question>|<evaluation>|<baseline>|<module>...
 *   evaluation: <items hash>:<ratings>:<submitted YYYYMMDD or empty>:<texts>
 *   ratings: one character per Likert item, '*' or 1-5; then, when the evaluation has outcomes, choices or yes/no
 *            items: '.' <one character per outcome, '*' or 1-3> '.' <per choices item, base-36 bitmask of the
 *            choices chosen, ','-separated> '.' <one character per yes/no item: '*', 'y' or 'n'>
 *   texts:   <comment>, then '~.' <text> per choices and yes/no item, then '~!' <licence number> '.' <state> when a
 *            licence is entered. Saves without these parts (older ones) decode with them empty.
 *   comment, text: printable ASCII as is; '|', '~' and anything else as '~' + 4 hex digits (one UTF-16 unit), so the
 *            300-unit comment costs at most 1500 characters, each 120-unit text 600
 *   baseline:   <bank hash>:<o = open | d = done | s = skipped | m = missed>:<one answer character per item, bank order>
 *   module:  <content hash>:<visited pages, hex bitmask>:<attempts>:<best %>:<passed 0/1>:<attempt>
 *   attempt: empty, or <number>.<o = open | s<score> = submitted>.<one character per drawn question>
 *   answer:  '*' = not answered, else ANSWER_ALPHABET[bitmask of chosen options in the bank's written order]
 * Numbers are base 36. Version 2 is version 3 without the baseline field, version 1 is version 2 without the
 * evaluation field; both still decode (migrations: no evaluation yet; the baseline as `decodeBaseline` says).
 */
import type { CourseData, CourseModule } from './types.ts';
import { shortHash } from './random.ts';
import { attemptDraw } from './quiz.ts';
import {
  capComment,
  choiceItems,
  emptyEvaluation,
  isIsoDate,
  isOutcomeRating,
  isRating,
  TEXT_MAX,
  type EvaluationProgress,
} from './evaluation.ts';
import { licenceProblems } from './certificate.ts';
import { emptyBaseline, type BaselineProgress, type BaselineStatus } from './baseline.ts';
import {
  emptyModuleProgress,
  settleBaseline,
  VIEWS,
  type AttemptState,
  type ModuleProgress,
  type Progress,
  type View,
} from './progress.ts';

const FORMAT_VERSION = '3';
/** Earlier versions this codec still reads. */
const OLD_VERSIONS = ['1', '2'];
const ANSWER_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
const UNANSWERED = '*';

function courseHash(course: CourseData): string {
  return shortHash(course.settings.id);
}

/** Recognises the evaluation a save answered: its ratings are by position. */
function evaluationHash(course: CourseData): string {
  return shortHash((course.evaluation ?? []).map((item) => `${item.type}:${item.id}`).join(','));
}

/** Recognises the baseline bank a save answered: its answers are by position. */
function baselineHash(course: CourseData): string {
  return shortHash((course.baseline?.questions ?? []).map((q) => q.id).join(','));
}

/** Saved as their first letter. */
const BASELINE_STATUS: BaselineStatus[] = ['open', 'done', 'skipped', 'missed'];

// ---- encode ----------------------------------------------------------------------------------------------

function encodeVisited(visited: readonly boolean[]): string {
  // BigInt keeps modules of any length exact.
  let mask = 0n;
  visited.forEach((seen, i) => {
    if (seen) mask |= 1n << BigInt(i);
  });
  return mask.toString(16);
}

function encodeAnswer(
  module: Pick<CourseModule, 'quiz'>,
  questionId: string,
  selected: readonly string[] | null,
): string {
  if (!selected) return UNANSWERED;
  const question = module.quiz.questions.find((q) => q.id === questionId);
  let mask = 0;
  question?.options.forEach((option, i) => {
    if (selected.includes(option.id)) mask |= 1 << i;
  });
  return ANSWER_ALPHABET[mask] ?? UNANSWERED;
}

function encodeAttempt(course: CourseData, progress: Progress, index: number, attempt: AttemptState | null): string {
  if (!attempt) return '';
  const module = course.modules[index]!;
  const drawn = attemptDraw(module.quiz, progress.learnerSeed, index, attempt.number);
  const answers = attempt.answers.map((a, i) => encodeAnswer(module, drawn[i]?.question.id ?? '', a)).join('');
  const state = attempt.submitted ? `s${(attempt.score ?? 0).toString(36)}` : 'o';
  return `${attempt.number.toString(36)}.${state}.${answers}`;
}

function encodeComment(text: string): string {
  return text.replace(/[^\x20-\x7e]|[|~]/g, (c) => `~${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const ratingChars = (ratings: (number | null)[]) => ratings.map((r) => (r === null ? UNANSWERED : String(r))).join('');

function encodeEvaluation(course: CourseData, evaluation: EvaluationProgress): string {
  const e = evaluation;
  let ratings = ratingChars(e.ratings);
  if (e.outcomes.length + e.chosen.length + e.answers.length) {
    const masks = choiceItems(course).map((item, i) =>
      item.choices.reduce((mask, c, k) => (e.chosen[i]?.includes(c.id) ? mask | (1 << k) : mask), 0).toString(36),
    );
    const answers = e.answers.map((a) => (a === null ? UNANSWERED : a ? 'y' : 'n')).join('');
    ratings += `.${ratingChars(e.outcomes)}.${masks.join(',')}.${answers}`;
  }
  const date = e.submittedOn?.replaceAll('-', '') ?? '';
  const licence = e.licence.number ? `~!${e.licence.number}.${e.licence.state}` : '';
  const texts = [e.comment, ...e.texts].map(encodeComment).join('~.') + licence;
  return [evaluationHash(course), ratings, date, texts].join(':');
}

function encodeBaseline(course: CourseData, baseline: BaselineProgress): string {
  const bank = { quiz: { draw: 0, questions: course.baseline?.questions ?? [] } };
  const answers = bank.quiz.questions.map((q, i) => encodeAnswer(bank, q.id, baseline.answers[i] ?? null)).join('');
  return [baselineHash(course), baseline.status[0], answers].join(':');
}

export function encodeProgress(course: CourseData, progress: Progress): string {
  const { view, at } = progress;
  const place = [VIEWS.indexOf(view), at.module, at.page, at.question].map((n) => n.toString(36)).join('.');
  const modules = progress.modules.map((m, i) =>
    [
      course.modules[i]?.contentHash ?? '',
      encodeVisited(m.visited),
      m.attempts.toString(36),
      m.best === null ? '' : m.best.toString(36),
      m.passed ? '1' : '0',
      encodeAttempt(course, progress, i, m.attempt),
    ].join(':'),
  );
  const evaluation = encodeEvaluation(course, progress.evaluation);
  return [
    FORMAT_VERSION,
    courseHash(course),
    (progress.learnerSeed >>> 0).toString(36),
    place,
    evaluation,
    encodeBaseline(course, progress.baseline),
    ...modules,
  ].join('|');
}

// ---- decode ----------------------------------------------------------------------------------------------

export interface Decoded {
  progress: Progress;
  /** Plain-language notes on what could not be restored (empty when everything was). */
  notes: string[];
}

export class SavedStateError extends Error {}

function int36(text: string | undefined, what: string, max = Number.MAX_SAFE_INTEGER): number {
  if (text === undefined || !/^[0-9a-z]{1,10}$/.test(text)) throw new SavedStateError(`bad ${what}`);
  const n = parseInt(text, 36);
  if (n > max) throw new SavedStateError(`${what} out of range`);
  return n;
}

function decodeVisited(text: string, pages: number): boolean[] {
  if (!/^[0-9a-f]{1,64}$/.test(text)) throw new SavedStateError('bad visited pages');
  const mask = BigInt(`0x${text}`);
  return Array.from({ length: pages }, (_, i) => (mask & (1n << BigInt(i))) !== 0n);
}

function decodeAnswers(text: string, questions: CourseData['modules'][number]['quiz']['questions']) {
  return questions.map((question, i) => {
    const char = text[i]!;
    if (char === UNANSWERED) return null;
    const mask = ANSWER_ALPHABET.indexOf(char);
    if (mask <= 0 || mask >= 1 << question.options.length) throw new SavedStateError('bad answer');
    return question.options.filter((_, k) => (mask & (1 << k)) !== 0).map((o) => o.id);
  });
}

function decodeAttempt(text: string, course: CourseData, seed: number, index: number): AttemptState | null {
  if (text === '') return null;
  const [num, state, answers = ''] = text.split('.');
  const number = int36(num, 'attempt number', 1_000_000);
  if (number < 1) throw new SavedStateError('bad attempt number');
  const module = course.modules[index]!;
  const drawn = attemptDraw(module.quiz, seed, index, number);
  if (answers.length !== drawn.length) throw new SavedStateError('answer count does not match the quiz');
  const decodedAnswers = decodeAnswers(
    answers,
    drawn.map((d) => d.question),
  );
  if (state === 'o') return { number, answers: decodedAnswers, submitted: false, score: null };
  if (state?.startsWith('s')) {
    const score = int36(state.slice(1), 'score', 100);
    if (decodedAnswers.includes(null)) throw new SavedStateError('submitted attempt with missing answers');
    return { number, answers: decodedAnswers, submitted: true, score };
  }
  throw new SavedStateError('bad attempt state');
}

function decodeModule(
  text: string | undefined,
  course: CourseData,
  seed: number,
  index: number,
  notes: string[],
): ModuleProgress {
  const module = course.modules[index]!;
  const empty = emptyModuleProgress(module);
  if (text === undefined) return empty; // a module added since the save
  const [hash, visited, attempts, best, passed, attempt] = text.split(':');
  if (attempt === undefined || (passed !== '0' && passed !== '1')) throw new SavedStateError('bad module record');
  const results = {
    attempts: int36(attempts, 'attempts', 1_000_000),
    best: best === '' ? null : int36(best, 'best score', 100),
    passed: passed === '1',
  };
  if (hash !== module.contentHash) {
    // The module changed since the save: its pages and questions may differ, so only the results carry over.
    notes.push(
      `Module ${module.number} was updated since your last visit, so its pages start again. Your quiz results are kept.`,
    );
    return { ...empty, ...results };
  }
  return {
    visited: decodeVisited(visited ?? '', module.pages.length),
    ...results,
    attempt: decodeAttempt(attempt, course, seed, index),
  };
}

function decodeComment(text: string, max?: number): string {
  if (/~(?![0-9a-f]{4})|[^\x20-\x7e]/.test(text)) throw new SavedStateError('bad comment');
  return capComment(
    text.replace(/~([0-9a-f]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    max,
  );
}

/** Ratings on a scale, one character each ('*' = not answered). */
function decodeRatings(text: string, valid: (n: number) => boolean): (number | null)[] {
  const ratings = [...text].map((c) => (c === UNANSWERED ? null : Number(c)));
  if (!ratings.every((r) => r === null || valid(r))) throw new SavedStateError('bad evaluation rating');
  return ratings;
}

function decodeEvaluation(text: string | undefined, course: CourseData, notes: string[]): EvaluationProgress {
  const empty = emptyEvaluation(course);
  if (text === undefined) return empty; // saved in format version 1, before the evaluation existed
  const [hash, ratingsText = '', dateText = '', ...commentParts] = text.split(':');
  if (commentParts.length === 0) throw new SavedStateError('bad evaluation record');
  let submittedOn: string | null = null;
  if (dateText !== '') {
    submittedOn = /^\d{8}$/.test(dateText)
      ? `${dateText.slice(0, 4)}-${dateText.slice(4, 6)}-${dateText.slice(6)}`
      : '';
    if (!isIsoDate(submittedOn)) throw new SavedStateError('bad evaluation date');
  }
  const [likert = '', outcomesText = '', masksText = '', answersText = ''] = ratingsText.split('.');
  const ratings = decodeRatings(likert, isRating);
  const outcomes = decodeRatings(outcomesText, isOutcomeRating);
  const [textsText = '', licenceText = ''] = commentParts.join(':').split('~!');
  const [comment = '', ...texts] = textsText.split('~.').map((t, i) => decodeComment(t, i ? TEXT_MAX : undefined));
  // A licence that no longer passes the checks is left out rather than costing the rest of the progress.
  const [number = '', state = ''] = licenceText.split('.');
  const licence = licenceProblems({ number, state }).number || !number ? empty.licence : { number, state };
  const answers = [...answersText].map((c) => (c === 'y' ? true : c === 'n' ? false : null));
  const chosen = masksText
    ? masksText.split(',').map((m, i) => {
        const mask = int36(m, 'choices', 0xffff);
        return (choiceItems(course)[i]?.choices ?? []).filter((_, k) => mask & (1 << k)).map((c) => c.id);
      })
    : [];
  const fits =
    hash === evaluationHash(course) &&
    ratings.length === empty.ratings.length &&
    // Saves from before these items existed have none of them: they start empty.
    (outcomesText + masksText + answersText === '' ||
      (outcomes.length === empty.outcomes.length &&
        chosen.length === empty.chosen.length &&
        answers.length === empty.answers.length &&
        texts.length === empty.texts.length));
  if (!fits) {
    // The questions changed since the save: answers by position would land on the wrong items. A submitted
    // evaluation stays submitted (the LMS has the answers; the certificate depends on it), and so does the licence.
    if (submittedOn === null && (comment !== '' || ratings.some((r) => r !== null))) {
      notes.push('The course evaluation was updated since your last visit, so its answers start again.');
    }
    return { ...empty, submittedOn, licence };
  }
  return {
    ...empty,
    ratings,
    comment,
    submittedOn,
    licence,
    ...(outcomesText + masksText + answersText === '' ? {} : { outcomes, chosen, answers, texts }),
  };
}

/**
 * The baseline check; a save from before the course had one (format 1 or 2) has it open. Migration: decodeProgress
 * then settles it (progress.ts, settleBaseline): a learner already in the modules is not sent back to it, because
 * they have seen the teaching (the check would no longer measure their starting knowledge) and a compulsory detour
 * in the middle of the course would feel like lost progress; they finish without a comparison. A learner who had
 * not opened a module yet takes it as any new learner does.
 */
function decodeBaseline(text: string | undefined, course: CourseData, notes: string[]): BaselineProgress {
  const empty = emptyBaseline(course);
  if (text === undefined) return empty;
  const [hash, statusText, answersText = '', extra] = text.split(':');
  const status = BASELINE_STATUS.find((s) => s[0] === statusText);
  if (!status || extra !== undefined) throw new SavedStateError('bad baseline record');
  const questions = course.baseline?.questions ?? [];
  if (hash !== baselineHash(course) || answersText.length !== questions.length) {
    // The bank changed since the save: answers by position would land on the wrong items. A check left half-way
    // starts again; one already done (its answers are in the LMS) can no longer be compared: missed.
    if (status === 'open' && /[^*]/.test(answersText))
      notes.push('The baseline check was updated since your last visit, so its answers start again.');
    return { ...empty, status: status === 'done' ? 'missed' : status };
  }
  const answers = decodeAnswers(answersText, questions);
  if (status === 'done' && answers.includes(null)) throw new SavedStateError('submitted baseline with missing answers');
  return { status, answers };
}

/** Puts a place that no longer fits the (possibly changed) course or progress back somewhere valid. */
function safePlace(
  course: CourseData,
  modules: ModuleProgress[],
  evaluated: boolean,
  baseline: BaselineProgress,
  view: View,
  at: Progress['at'],
): Pick<Progress, 'view' | 'at'> {
  const module = course.modules[at.module];
  const mp = modules[at.module];
  const menu = { view: 'menu' as View, at: { module: 0, page: 0, question: 0 } };
  if (view === 'intro' || view === 'menu') return { view, at: menu.at };
  if (view === 'baselineIntro' || view === 'baselineQuestion' || view === 'baselineSummary') {
    // The baseline screens only while it is open; a place past its items goes back to its introduction.
    if (baseline.status !== 'open' || !course.baseline?.questions.length) return menu;
    if (view === 'baselineIntro' || at.question >= baseline.answers.length)
      return { view: 'baselineIntro', at: menu.at };
    return { view, at: { module: 0, page: 0, question: at.question } };
  }
  if (view === 'complete' || view === 'evaluation' || view === 'certificate') {
    // The end of the course: the evaluation until it is submitted (a version-1 save at 'complete' lands there too).
    if (!modules.every((m) => m.passed)) return menu;
    if (!evaluated) return { view: 'evaluation', at };
    return { view: view === 'evaluation' ? 'complete' : view, at };
  }
  if (!module || !mp) return menu;
  const attempt = mp.attempt;
  const quizFits =
    (view === 'quizIntro' && !mp.passed) ||
    (view === 'result' && attempt?.submitted === true) ||
    ((view === 'question' || view === 'quizSummary') &&
      attempt?.submitted === false &&
      at.question < attempt.answers.length);
  if (quizFits) return { view, at };
  if (view === 'page' && at.page < module.pages.length && mp.visited[at.page]) return { view, at };
  return menu;
}

/** Decodes saved progress for this course; throws SavedStateError when the text cannot be trusted at all. */
/**
 * The same saved progress written differently: one empty section more at the end, which decoding ignores (it reads
 * as many module sections as the course has). The LMS layer sends it as a stand-in to make an LMS player that posts
 * only changed values post the real text again (src/lms/cmi.ts standIn).
 */
export function respelled(text: string): string {
  return `${text}|`;
}

export function decodeProgress(course: CourseData, text: string): Decoded {
  const [version, hash, seedText, placeText, ...rest] = text.split('|');
  if (version !== FORMAT_VERSION && !OLD_VERSIONS.includes(version ?? ''))
    throw new SavedStateError(`unknown format version "${String(version).slice(0, 10)}"`);
  const evaluationText = version === '1' ? undefined : rest.shift();
  const baselineText = version === '1' || version === '2' ? undefined : rest.shift();
  const moduleTexts = rest;
  if (hash !== courseHash(course)) throw new SavedStateError('saved by another course');
  const learnerSeed = int36(seedText, 'seed', 0xffffffff);
  const [viewIndex, module, page, question] = (placeText ?? '').split('.');
  const view = VIEWS[int36(viewIndex, 'view', VIEWS.length - 1)] as View;
  const at = { module: int36(module, 'module'), page: int36(page, 'page'), question: int36(question, 'question') };
  const notes: string[] = [];
  const modules = course.modules.map((_, i) => decodeModule(moduleTexts[i], course, learnerSeed, i, notes));
  const evaluation = decodeEvaluation(evaluationText, course, notes);
  const { baseline } = settleBaseline({ modules, baseline: decodeBaseline(baselineText, course, notes) });
  const place = safePlace(course, modules, evaluation.submittedOn !== null, baseline, view, at);
  return { progress: { learnerSeed, modules, ...place, evaluation, baseline }, notes };
}

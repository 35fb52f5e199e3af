/**
 * The typed course data that the build compiles from modules/*.md, quizzes/*.yaml and course.yaml.
 * The browser receives only this (as `virtual:course-data`): no Markdown or YAML parser ships.
 * One place for the shape; tools/content produces it and src/ consumes it.
 */

export type QuestionType = 'single' | 'multiple' | 'truefalse';

export interface Objective {
  /** e.g. "m1-o1": letters, digits and '-' only. */
  id: string;
  text: string;
}

export interface Page {
  /** Stable id inside its module (slug of the heading or an explicit `{#id}`). */
  id: string;
  title: string;
  /** Sanitised HTML compiled from the page's Markdown at build time. */
  html: string;
  /** Word count of the page's text, for reading-time estimates. */
  words: number;
}

export interface CourseModule {
  /** e.g. "m1". */
  id: string;
  /** 1-based position in the course. */
  number: number;
  title: string;
  /** The module's share of the course's estimated minutes, computed by the build from its content (reading,
   *  activities, one quiz attempt): the modules' minutes and `CeFrame.otherMinutes` add up to `estimatedMinutes`. */
  minutes: number;
  objectives: Objective[];
  pages: Page[];
  /** The quiz bank that closes this module. */
  quiz: QuizBank;
  /**
   * Short hash of the module's page ids and question ids. Saved progress records it so that a
   * course update between launches can be detected per module and migrated safely.
   */
  contentHash: string;
}

export interface QuestionOption {
  /** "a", "b", ... as written in the bank; single lowercase letter. */
  id: string;
  /** Sanitised inline HTML. */
  html: string;
}

export interface Question {
  /** e.g. "m1-q4": letters, digits and '-' only (safe as a SCORM interaction id in both versions). */
  id: string;
  type: QuestionType;
  /** The objective id this question measures. */
  objective: string;
  /** Sanitised inline HTML. */
  prompt: string;
  /** For truefalse: exactly [{id:'t',html:'True'},{id:'f',html:'False'}], always in that order. */
  options: QuestionOption[];
  /**
   * The answer key as a salted hash of the correct option ids (src/course/answer-key.ts), so that the course
   * data does not list them: `isCorrect` scores against it, `correctOptions` recovers the ids after submission.
   */
  key: string;
  /** Options keep the written order instead of being shuffled per attempt. */
  fixedOrder: boolean;
  /** Sanitised HTML shown after submission. */
  rationale: string;
}

export interface QuizBank {
  /** How many questions an attempt draws from the bank. */
  draw: number;
  questions: Question[];
}

export type Scorm12StatusMode = 'passed-incomplete' | 'completed-incomplete' | 'passed-failed';

export type QuizFeedback = 'concepts' | 'full';

export interface CourseSettings {
  /** Course identifier, used in the manifests and for local storage keys. */
  id: string;
  version: string;
  title: string;
  /** Default pass mark, 0-100; an LMS-supplied mastery/passing score wins over it. */
  passMark: number;
  /** Attempts allowed per quiz; 0 = unlimited. */
  attemptLimit: number;
  /** 'sequential': modules open in order; 'free': all open from the start. */
  navigation: 'sequential' | 'free';
  scorm12Status: Scorm12StatusMode;
  /**
   * What the result screen shows after an attempt: 'concepts' (default): which questions were wrong and the
   * rationale, with the correct options only once the quiz is passed or no attempt is left; 'full': the correct
   * options after every attempt (the behaviour before November 2026).
   */
  quizFeedback: QuizFeedback;
  /** Accredited provider, shown in the CE information and on the certificate. "[...]" = placeholder. */
  providerName: string;
  /** The provider's postal address and web address, as printed on the certificate. */
  providerAddress: string;
  accreditationStatement: string;
  /** The accreditor's activity or approval number. "[...]" = placeholder. */
  activityId: string;
  /** ISO dates: contact hours are awarded from the release date through the expiry date. */
  releaseDate: string;
  expiryDate: string;
  /** The learner may skip the baseline check before module 1. */
  baselineSkippable: boolean;
  /** Contact hours as awarded by the accreditor, in steps of 0.25; null = computed from the content. */
  contactHours: number | null;
}

export interface CourseData extends CourseExtras {
  settings: CourseSettings;
  modules: CourseModule[];
}

// ---- Continuing-education frame (issue "Course content"): compiled from content/*.yaml and course.yaml -------

export interface GlossaryTerm {
  /** Slug used in links and popovers, e.g. "nociplastic-pain". */
  id: string;
  term: string;
  /** Sanitised inline HTML definition (with attribution where it quotes an official definition). */
  html: string;
}

export interface Reference {
  /** The marker used in the text: "R1".."R20", "S1".. */
  id: string;
  /** Sanitised inline HTML: authors, title, journal or organisation, year, DOI or URL as text. */
  html: string;
}

/** A choice of a `choices` evaluation item, or an outcome of the `outcomes` item. */
export interface EvaluationOption {
  /** choices: a single lowercase letter (a SCORM 1.2 choice response); outcomes: the module objective's id. */
  id: string;
  text: string;
}

/**
 * An item of the course evaluation (content/evaluation.yaml). `id`: letters, digits and '-' (a SCORM interaction id
 * in both versions). likert: a statement rated 1-5. comment: free text. outcomes: how well each learning outcome
 * (module objective, taken from the modules) was met. choices: any of a list, plus free text (`other` is its label),
 * e.g. a commitment to change or barriers. yesno: a yes/no question plus an optional comment (`comment`, its label).
 */
export type EvaluationItem =
  | { id: string; type: 'likert'; prompt: string }
  | { id: string; type: 'comment'; prompt: string }
  | { id: string; type: 'outcomes'; prompt: string; outcomes: EvaluationOption[] }
  | { id: string; type: 'choices'; prompt: string; choices: EvaluationOption[]; other: string }
  | { id: string; type: 'yesno'; prompt: string; comment: string };

export interface CeFrame {
  /** Sanitised HTML sections shown before module 1 (audience, practice gap and purpose, outcomes, requirements,
   *  disclosures, review date and expiry, safety-and-scope statement), in order. */
  intro: { id: string; title: string; html: string }[];
  /** Sanitised HTML of the closing safety-and-scope statement, shown on completion. */
  closing: string;
  providerName: string;
  accreditationStatement: string;
  /** Contact hours as awarded (computed, or the settings override), e.g. 1.25. */
  contactHours: number;
  /** How the hours were computed, in plain words (words per minute, quiz and evaluation minutes, rounding). */
  contactHoursBasis: string;
  /** ISO dates. `reviewed` is the newest review in content/update-log.yaml (never typed by hand); contact hours
   *  are awarded from `released` through `expires` (course.yaml). */
  reviewed: string;
  released: string;
  expires: string;
  /** ISO date of the newest logged regulatory check (FDA, EMA, state law), or null when none is logged. */
  lastRegulatoryCheck: string | null;
  /** "What changed since the last review": the newest review's learner-facing notes, as inline HTML. */
  changes: string[];
  /** Where the last-review date comes from, in words (the update log, or the fallback in content/ce.md). */
  reviewedFrom: string;
  /** The learner's time for the whole activity in minutes (the one figure the course shows), computed once with
   *  the contact hours. */
  estimatedMinutes: number;
  /** The part of `estimatedMinutes` outside the modules (CE introduction and closing, baseline check, evaluation):
   *  with every module's `minutes` it adds up to `estimatedMinutes` (tools/content/contact-hours.ts). */
  otherMinutes: number;
  providerAddress: string;
  activityId: string;
  disclosures: Disclosures;
  practiceGap: PracticeGap;
}

export interface DisclosedPerson {
  name: string;
  credentials: string;
  /** "nurse planner", "planner", "author", "content reviewer". */
  roles: string[];
  /** Inline HTML. */
  relationships: string;
  mitigation: string;
}

export interface Disclosures {
  people: DisclosedPerson[];
  /** "Name, credentials" of the nurse planner. */
  nursePlanner: string;
  /** Inline HTML. */
  commercialSupport: string;
  jointProvidership: string;
  mitigationStatement: string;
}

export interface PracticeGap {
  /** Inline HTML (cited). */
  gap: string;
  evidence: string[];
  /** The one measurable learning outcome, plain text (printed on the certificate). */
  outcome: string;
}

/** The baseline check before module 1: a separate bank, one attempt, never counted towards passing. */
export interface BaselineBank {
  questions: Question[];
  /** Short hash of the question ids: saved answers are by position. */
  hash: string;
}

/**
 * Everything beyond the modules that the CE frame needs. Optional so the engine runs on a course without it
 * (test fixtures); the real course always has it.
 */
export interface CourseExtras {
  ce?: CeFrame;
  glossary?: GlossaryTerm[];
  references?: Reference[];
  evaluation?: EvaluationItem[];
  baseline?: BaselineBank;
}

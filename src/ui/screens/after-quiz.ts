/**
 * The screens that come only after a quiz is submitted: its result, and at the end of the course the completion
 * summary, the evaluation and the certificate. They load as a chunk of their own (../lazy-chunks.ts), so the
 * launch bundle carries only what the first screens need.
 */
export { default as Result } from './Result.svelte';
export { default as Complete } from './Complete.svelte';
export { default as Evaluation } from './Evaluation.svelte';
export { default as Certificate } from './Certificate.svelte';

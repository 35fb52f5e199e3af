/**
 * The screens after the last quiz: the completion summary, the evaluation and the certificate. They load as a
 * chunk of their own (end-screens-load.ts) so the launch bundle carries only what the first screens need.
 */
export { default as Complete } from './Complete.svelte';
export { default as Evaluation } from './Evaluation.svelte';
export { default as Certificate } from './Certificate.svelte';

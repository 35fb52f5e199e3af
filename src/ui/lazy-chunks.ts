/**
 * Screens the first screen does not need, as chunks of the package itself (nothing from outside it): the
 * screens after a quiz (screens/after-quiz.ts: its result, the completion summary, the evaluation, the
 * certificate) and the diagnostics panel. The launch then carries only what the
 * first screens need. App.svelte fetches both as soon as the first screen is on show, so a learner on hospital
 * Wi-Fi neither waits for them nor loses them to a dropped network two hours later at the evaluation. A failed
 * fetch is forgotten, so the next call tries again.
 */
export type AfterQuizScreens = typeof import('./screens/after-quiz.ts');
export type DiagnosticsPanel = typeof import('./Diagnostics.svelte').default;

function chunk<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

export const loadAfterQuizScreens = chunk(() => import('./screens/after-quiz.ts'));
export const loadDiagnostics = chunk(async () => (await import('./Diagnostics.svelte')).default);

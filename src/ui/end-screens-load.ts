/**
 * Loads the end-of-course screens (screens/end-screens.ts): a chunk of the package itself, nothing from outside
 * it. The launch then carries only what the first screens need; App.svelte fetches the chunk as soon as the first
 * screen is on show, so a learner on hospital Wi-Fi neither waits for it nor loses it to a dropped network two
 * hours later at the evaluation. A failed fetch is forgotten, so the next call tries again.
 */
export type EndScreens = typeof import('./screens/end-screens.ts');

let loading: Promise<EndScreens> | undefined;

export function loadEndScreens(): Promise<EndScreens> {
  loading ??= import('./screens/end-screens.ts').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Runs `task` when the browser is next idle (at the latest after 3 s), after what the first screen needs. */
export function whenIdle(task: () => void): void {
  if ('requestIdleCallback' in window) requestIdleCallback(task, { timeout: 3000 });
  else setTimeout(task, 0);
}

/**
 * Runs `task` when the browser is next idle, at the latest after `timeout` ms: low-priority work (the chunks and
 * the page texts the first screen does not need) waits until what the learner sees is done.
 */
export function whenIdle(task: () => void, timeout = 3000): void {
  if ('requestIdleCallback' in window) requestIdleCallback(task, { timeout });
  else setTimeout(task, 0);
}

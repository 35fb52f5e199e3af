/**
 * How an administrator opens the diagnostics panel (DEPLOYING.md): Ctrl+Alt+D (Ctrl+Option+D on a Mac), or a
 * 1.5 s press on any element marked data-diagnostics-trigger (the title in the top bar), for tablets without a
 * keyboard. Hidden from learners. The panel itself (Diagnostics.svelte) loads as a chunk of its own.
 */
const LONG_PRESS_MS = 1500;
/** A press that moves further than this is a scroll or a swipe, not a long press. */
const PRESS_SLOP_PX = 10;

/** Listens on the window; calls `open` on the shortcut or a long press. Returns a function that stops listening. */
export function watchDiagnosticsTrigger(open: () => void): () => void {
  let press: { timer: ReturnType<typeof setTimeout>; x: number; y: number } | null = null;
  const onTrigger = (target: EventTarget | null) =>
    target instanceof Element && target.closest('[data-diagnostics-trigger]') !== null;

  function cancelPress(): void {
    if (press) clearTimeout(press.timer);
    press = null;
  }
  function onkeydown(event: KeyboardEvent): void {
    // e.code, not e.key: Option+D types "∂" on a Mac. AltGr (= Ctrl+Alt on Windows) types letters on some layouts.
    if (event.ctrlKey && event.altKey && event.code === 'KeyD' && !event.getModifierState('AltGraph')) {
      event.preventDefault();
      open();
    }
  }
  function onpointerdown(event: PointerEvent): void {
    if (!onTrigger(event.target) || !event.isPrimary) return;
    cancelPress();
    const timer = setTimeout(() => {
      press = null;
      open();
    }, LONG_PRESS_MS);
    press = { timer, x: event.clientX, y: event.clientY };
  }
  function onpointermove(event: PointerEvent): void {
    if (press && Math.hypot(event.clientX - press.x, event.clientY - press.y) > PRESS_SLOP_PX) cancelPress();
  }
  function oncontextmenu(event: MouseEvent): void {
    // Android opens a context menu on a long press; on the trigger the long press means "diagnostics".
    if (onTrigger(event.target)) event.preventDefault();
  }

  const listeners = [
    ['keydown', onkeydown],
    ['pointerdown', onpointerdown],
    ['pointermove', onpointermove],
    ['pointerup', cancelPress],
    ['pointercancel', cancelPress],
    ['contextmenu', oncontextmenu],
  ] as const;
  for (const [type, listener] of listeners) window.addEventListener(type, listener as EventListener);
  return () => {
    cancelPress();
    for (const [type, listener] of listeners) window.removeEventListener(type, listener as EventListener);
  };
}

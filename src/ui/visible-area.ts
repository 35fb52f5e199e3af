/**
 * Keeps the course's controls inside the part of its frame the learner can see.
 *
 * An LMS player may give the course a frame taller than the window shows: Moodle's embedded player makes it at
 * least about 680 px tall, so on a tablet in landscape (1024x768), under Moodle's own header, the bottom of the
 * frame is below the screen, and the Back/Next bar fixed to that bottom is out of reach. The course cannot resize
 * the LMS's frame, but it can see which part of it is on screen: an IntersectionObserver with no root measures the
 * frame's viewport against the top-level window (across origins too). The hidden strips at the top and bottom are
 * published as CSS custom properties, --hidden-top and --hidden-bottom, which the top bar, the bottom bar, dialogs
 * and the page's scroll end use (styles.css).
 */

/** Below this visible height the course lays out for the whole frame: the learner has to scroll the LMS page. */
const MIN_VISIBLE_PX = 280;
/** Enough steps that a scroll of the LMS page moves the bars within about a pixel of the visible edge. */
const STEPS = 1000;

export function keepControlsInView(win: Window & typeof globalThis = window): () => void {
  if (win.top === win || typeof win.IntersectionObserver === 'undefined') return () => {};
  const doc = win.document;
  const root = doc.documentElement;
  const probe = doc.createElement('div');
  probe.className = 'visible-area-probe';
  probe.setAttribute('aria-hidden', 'true');
  doc.body.append(probe);

  const publish = (top: number, bottom: number) => {
    root.style.setProperty('--hidden-top', `${top}px`);
    root.style.setProperty('--hidden-bottom', `${bottom}px`);
  };
  const observer = new win.IntersectionObserver(
    (entries: IntersectionObserverEntry[]) => {
      const entry = entries[entries.length - 1];
      if (!entry) return;
      const visible = entry.intersectionRect;
      const height = win.innerHeight;
      const top = Math.max(0, Math.round(visible.top));
      const bottom = Math.max(0, Math.round(height - visible.bottom));
      if (!entry.isIntersecting || height - top - bottom < MIN_VISIBLE_PX) publish(0, 0);
      else publish(top, bottom);
    },
    { threshold: Array.from({ length: STEPS + 1 }, (_, i) => i / STEPS) },
  );
  observer.observe(probe);
  // A frame resized by the LMS (rotation, a window resize) may not cross a threshold: measure afresh.
  const remeasure = () => {
    observer.unobserve(probe);
    observer.observe(probe);
  };
  win.addEventListener('resize', remeasure);
  return () => {
    win.removeEventListener('resize', remeasure);
    observer.disconnect();
    probe.remove();
  };
}

/**
 * Keeps the learner's reading place when the window changes width (a tablet rotated, a split-screen resized,
 * text zoomed): the block of text at the top of the view before the change is put back at the top after it.
 * Browsers keep the scroll offset in pixels, and after a reflow that offset points at different text.
 *
 * Only the scroll position is handled here; answers and page live in the course state, which a resize never
 * touches (no screen is re-created on rotation).
 */

/** Blocks of reading content that make good anchors. */
const ANCHORS =
  'main h1, main h2, main h3, main p, main li, main blockquote, main tr, main figure, main pre, main label, main dt, main dd, main summary';

interface Anchor {
  element: Element;
  /** Distance from the bottom of the sticky top bar to the anchor's top, in CSS px. */
  offset: number;
}

function stickyTop(doc: Document): number {
  const bar = doc.querySelector('.topbar');
  if (!bar) return 0;
  const style = doc.defaultView?.getComputedStyle(bar);
  return style?.position === 'sticky' || style?.position === 'fixed' ? bar.getBoundingClientRect().bottom : 0;
}

/** The first anchor block that is (at least partly) below the top bar. */
function findAnchor(doc: Document): Anchor | null {
  const top = stickyTop(doc);
  for (const element of doc.querySelectorAll(ANCHORS)) {
    const box = element.getBoundingClientRect();
    if (box.height === 0) continue;
    if (box.bottom > top + 1) return { element, offset: box.top - top };
  }
  return null;
}

export function keepReadingPlace(win: Window): () => void {
  const doc = win.document;
  let anchor: Anchor | null = null;
  let width = win.innerWidth;
  let pending = 0;

  /** When the width last changed: scrolls right after that come from the reflow or from restore(), not the learner. */
  let resizedAt = -Infinity;

  const record = () => {
    pending = 0;
    anchor = win.scrollY > 0 ? findAnchor(doc) : null;
  };
  const onScroll = () => {
    // Keep the learner's place through a rotation and back, even when the new layout clamped the scroll.
    if (win.performance.now() - resizedAt < 800) return;
    if (!pending) pending = win.requestAnimationFrame(record);
  };
  const restore = () => {
    if (win.innerWidth === width) return; // height-only changes (toolbars showing, keyboard) keep the offset
    width = win.innerWidth;
    resizedAt = win.performance.now();
    const kept = anchor;
    if (!kept || !kept.element.isConnected) return;
    const now = kept.element.getBoundingClientRect().top - stickyTop(doc);
    win.scrollTo({ top: win.scrollY + now - kept.offset, behavior: 'instant' });
    anchor = kept;
  };

  win.addEventListener('scroll', onScroll, { passive: true });
  win.addEventListener('resize', restore);
  return () => {
    win.removeEventListener('scroll', onScroll);
    win.removeEventListener('resize', restore);
    if (pending) win.cancelAnimationFrame(pending);
  };
}

/**
 * Mounts the interactive elements onto a page's compiled HTML (the markup contract is in docs/authoring.md and
 * tools/content/directives.ts). The HTML works without this: details/summary, sections with headings, lists
 * with an answer key. Enhanced here:
 *   tabs        -> a tab list with roving tabindex and arrow keys (Tabs.svelte)
 *   sort, match -> a choice per item, Check answers, results in a live region (Activity.svelte)
 * reveal, accordion and flipcards stay native <details>: keyboard, touch and the expanded state for screen
 * readers come with the element, and styles.css / interactive.css give them their look.
 */
import { mount, unmount } from 'svelte';
import Activity from './Activity.svelte';
import Tabs from './Tabs.svelte';
import './interactive.css';

let counter = 0;
/** Ids unique on the page, for aria references between generated elements. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Enhances every block under `root`; the returned function removes the enhancements. */
export function enhanceInteractive(root: HTMLElement): () => void {
  const mounted: ReturnType<typeof mount>[] = [];
  let cancelled = false;
  // After the current render: the page's {@html} must be in place before the blocks are looked up.
  queueMicrotask(() => {
    if (cancelled) return;
    for (const block of root.querySelectorAll<HTMLElement>('[data-interactive]')) {
      if (block.dataset.enhanced) continue;
      const kind = block.dataset.interactive;
      if (kind === 'tabs') {
        block.dataset.enhanced = 'true';
        mounted.push(mount(Tabs, { target: block, anchor: block.firstElementChild ?? undefined, props: { block } }));
      } else if (kind === 'sort' || kind === 'match') {
        block.dataset.enhanced = 'true';
        const anchor = block.querySelector(':scope > .activity-label') ?? undefined;
        mounted.push(mount(Activity, { target: block, anchor, props: { block, kind } }));
      }
    }
  });
  return () => {
    cancelled = true;
    for (const component of mounted) void unmount(component);
  };
}

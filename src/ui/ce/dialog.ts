/**
 * Helpers for the course's modal dialogs (native <dialog> with showModal): the page behind is inert and Escape
 * closes. Two gaps are filled here: Tab must cycle inside the dialog (in an LMS iframe it would otherwise leave
 * for the LMS page), and focus must return to the control that opened the dialog.
 */
const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), textarea:not([disabled]), select:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

export function trapTab(event: KeyboardEvent): void {
  if (event.key !== 'Tab') return;
  const dialog = event.currentTarget as HTMLElement;
  // Only what Tab reaches: shown, and not taken out of the tab order with tabindex="-1".
  const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.tabIndex >= 0 && el.getClientRects().length > 0,
  );
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) return;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !dialog.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}

/** Opens a dialog modally and returns focus to `opener` (or what had focus) when it closes, however it closes. */
export function openModal(dialog: HTMLDialogElement, opener: Element | null = document.activeElement): void {
  if (dialog.open) return;
  dialog.addEventListener(
    'close',
    () => {
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    },
    { once: true },
  );
  dialog.showModal();
}

/** Cuts text to `max` UTF-16 code units without leaving half of a surrogate pair (half an emoji) at the end. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * The text of a compiled HTML fragment (tags dropped, entities such as &quot; decoded), for places that show
 * course HTML as plain text: answer summaries, result lists. Parsed in an inert <template>: nothing runs.
 */
export function plainText(html: string): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  return (template.content.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * The plain text of an HTML fragment the course compiler wrote (tags dropped, block ends as spaces, entities
 * decoded), for every place that needs course HTML as text: LMS interaction descriptions, answer summaries and
 * result lists, the reading-time word count. Pure (no DOM), so the browser, the build and the tests share it.
 * Regexes are enough here: the compiler wrote the HTML and rejects raw HTML from authors.
 */
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

const BLOCK =
  /<\/?(?:p|h[1-6]|li|ul|ol|dl|dt|dd|table|thead|tbody|tr|th|td|blockquote|pre|hr|br|div|section|details|summary|figure|figcaption)\b[^>]*>/gi;

function decodeEntity(entity: string, body: string): string {
  if (body.startsWith('#')) {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  }
  return NAMED[body.toLowerCase()] ?? entity;
}

export function htmlToText(html: string): string {
  return html
    .replace(BLOCK, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, decodeEntity)
    .replace(/\s+/g, ' ')
    .trim();
}

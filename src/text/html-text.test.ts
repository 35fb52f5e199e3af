import { describe, expect, it } from 'vitest';
import { htmlToText } from './html-text.ts';

describe('HTML to plain text', () => {
  it('reads as the question reads: apostrophes, quotation marks and ampersands are kept', () => {
    expect(htmlToText('<p>Under the IASP&#39;s 2020 revised definition, &quot;pain&quot; is</p>')).toBe(
      'Under the IASP\'s 2020 revised definition, "pain" is',
    );
    expect(htmlToText('Risks &amp; benefits: 5 &lt; 6 &gt; 4')).toBe('Risks & benefits: 5 < 6 > 4');
    expect(htmlToText('caf&#xE9; &#8212; &apos;a&apos;')).toBe("café — 'a'");
  });

  it('drops tags, keeps words of adjacent blocks apart and leaves unknown entities as written', () => {
    expect(htmlToText('<h2>Title</h2><p>One <strong>two</strong></p><ul><li>a</li><li>b</li></ul>')).toBe(
      'Title One two a b',
    );
    expect(htmlToText('AT&amp;T &bogus; &#0;')).toBe('AT&T &bogus; &#0;');
  });
});

// Offset → line, the one copy the build tools share (tools/lines.ts).

import { describe, expect, it } from 'vitest';
import { lineCounter } from '../../tools/lines.ts';

describe('lineCounter', () => {
  it('gives the 1-based line of an offset, or counts from the first line given', () => {
    const text = 'one\ntwo\n\nfour';
    const lineAt = lineCounter(text);
    expect([0, 3, 4, 8, 9, text.length].map(lineAt)).toEqual([1, 1, 2, 3, 4, 4]);
    expect(lineCounter(text, 10)(4)).toBe(11);
  });
});

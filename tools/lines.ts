/**
 * Offset → line number, the one copy every build tool uses to report file:line. Binary search over the line
 * starts, so a file with many findings costs O(n + k log n), not a slice per finding.
 * `firstLine` is the line of `text`'s first character in its file (for a body that follows front matter).
 */
export function lineCounter(text: string, firstLine = 1): (offset: number) => number {
  const starts = [0];
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) starts.push(k + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + firstLine;
  };
}

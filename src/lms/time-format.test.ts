import { describe, expect, it } from 'vitest';
import { duration2004, timespan12 } from './time-format.ts';

describe('SCORM time formats', () => {
  it.each([
    [0, '00:00:00.00', 'PT0S'],
    [1234, '00:00:01.23', 'PT1.23S'],
    [61_000, '00:01:01.00', 'PT1M1S'],
    [3_723_450, '01:02:03.45', 'PT1H2M3.45S'],
    [3_600_000, '01:00:00.00', 'PT1H'],
    [50_210, '00:00:50.21', 'PT50.21S'],
  ])('%i ms is %s in 1.2 and %s in 2004', (ms, v12, v2004) => {
    expect(timespan12(ms)).toBe(v12);
    expect(duration2004(ms)).toBe(v2004);
  });

  it('caps 1.2 hours at 9999 and always matches the spec patterns', () => {
    expect(timespan12(10_000 * 3_600_000)).toBe('9999:59:59.99');
    for (const ms of [5, 999, 59_999, 3_599_999, 86_400_000, 123_456_789]) {
      expect(timespan12(ms)).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
      expect(duration2004(ms)).toMatch(/^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/);
      expect(duration2004(ms)).not.toBe('PT');
    }
  });
});

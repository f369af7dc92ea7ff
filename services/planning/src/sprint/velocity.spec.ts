import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { meanPoints, velocity } from './velocity.js';

const closed = (...points: number[]) => points.map((completedPoints) => ({ completedPoints }));

describe('velocity', () => {
  it('averages the last `window` closed sprints and rolls per sprint', () => {
    const v = velocity(closed(10, 20, 30, 40), 3);
    expect(v.rolling).toEqual([10, 15, 20, 30]);
    expect(v.average).toBe(30);
  });

  it('uses every sprint while there are fewer than the window', () => {
    expect(velocity(closed(8, 13), 3)).toEqual({ rolling: [8, 10.5], average: 10.5 });
  });

  it('has no average before any sprint closed', () => {
    expect(velocity([], 3)).toEqual({ rolling: [], average: null });
  });

  it('rounds to two decimals', () => {
    expect(velocity(closed(1, 1, 2), 3).average).toBe(1.33);
    expect(meanPoints([2, 3, 3])).toBe(2.67);
  });

  it("a window of one is each sprint's own velocity", () => {
    expect(velocity(closed(5, 0, 21), 1)).toEqual({ rolling: [5, 0, 21], average: 21 });
  });

  it('refuses a window below one', () => {
    expect(() => velocity(closed(1), 0)).toThrow(RangeError);
  });

  it('stays between the smallest and largest velocity of its window', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 20 }),
        (pts, w) => {
          const v = velocity(closed(...pts), w);
          const last = pts.slice(-w);
          expect(v.average!).toBeGreaterThanOrEqual(Math.min(...last) - 0.005);
          expect(v.average!).toBeLessThanOrEqual(Math.max(...last) + 0.005);
          expect(v.rolling.at(-1)).toBe(v.average);
        },
      ),
    );
  });
});

/** Velocity maths, pure: no I/O. */

export interface ClosedSprintPoints {
  completedPoints: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** mean of the points, rounded to 2 decimals; null for none */
export function meanPoints(points: readonly number[]): number | null {
  if (points.length === 0) return null;
  return round2(points.reduce((a, b) => a + b, 0) / points.length);
}

/**
 * For closed sprints in order (oldest first): each sprint's rolling average over itself and the
 * `window - 1` sprints before it (fewer at the start), and the current average velocity: the
 * mean of the last `window` sprints.
 */
export function velocity(
  sprints: readonly ClosedSprintPoints[],
  window: number,
): { rolling: number[]; average: number | null } {
  if (!Number.isInteger(window) || window < 1) throw new RangeError('window must be a positive integer');
  const points = sprints.map((s) => s.completedPoints);
  const rolling = points.map(
    (_, i) => meanPoints(points.slice(Math.max(0, i - window + 1), i + 1)) as number,
  );
  return { rolling, average: meanPoints(points.slice(-window)) };
}

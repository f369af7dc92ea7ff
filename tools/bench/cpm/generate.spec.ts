import { buildNetwork, computeSchedule } from '@baton/scheduling';
import { generateNetwork } from './generate.js';
import { kahnOrder, topologicalPassFromEdges } from './kahn.js';

describe('CPM benchmark network and yardsticks', () => {
  const net = generateNetwork(2000, 6000, 7);

  it('generates the same network for the same seed, with every dependency type', () => {
    const again = generateNetwork(2000, 6000, 7);
    expect(Array.from(again.from)).toEqual(Array.from(net.from));
    expect(Array.from(again.lag)).toEqual(Array.from(net.lag));
    expect(new Set(net.type)).toEqual(new Set([0, 1, 2, 3]));
    expect(Array.from(net.lag).some((l) => l < 0)).toBe(true);
    expect(Array.from(generateNetwork(2000, 6000, 8).from)).not.toEqual(Array.from(net.from));
  });

  it('yields topological orders from both yardsticks, and the engine schedules the network', () => {
    const built = buildNetwork(net);
    for (const order of [
      kahnOrder(2000, built.successorStart, built.successor),
      topologicalPassFromEdges(2000, net.from, net.to),
    ]) {
      const position = new Int32Array(2000);
      order.forEach((task, k) => (position[task] = k));
      expect(new Set(order).size).toBe(2000);
      for (let k = 0; k < net.from.length; k++)
        expect(position[net.from[k]]).toBeLessThan(position[net.to[k]]);
    }
    expect(computeSchedule(built).projectFinish).toBeGreaterThan(0);
  });

  it('makes the yardstick refuse a cyclic graph', () => {
    expect(() => topologicalPassFromEdges(2, new Int32Array([0, 1]), new Int32Array([1, 0]))).toThrow(
      /cycle/,
    );
  });
});

import type { CompiledNetwork } from './network.js';

/**
 * One dependency cycle as task indices in dependency order (each task depends on the one before
 * it, the first on the last), or an empty array when the network is acyclic.
 *
 * `unsorted`, when given, marks the tasks Kahn's sort could not place (entry > 0): only they can lie
 * on a cycle, so the search is limited to them. An iterative depth-first search, linear in tasks +
 * dependencies, stops at the first edge back onto its own path.
 */
export function findCycle(network: CompiledNetwork, unsorted?: Int32Array): number[] {
  const n = network.taskCount;
  const { successorStart, successor } = network;
  const candidate = (i: number) => !unsorted || unsorted[i] > 0;
  const state = new Uint8Array(n); // 0 = unseen, 1 = on the current path, 2 = done
  const path = new Int32Array(n);
  const nextEdge = new Int32Array(n);

  for (let root = 0; root < n; root++) {
    if (state[root] !== 0 || !candidate(root)) continue;
    let top = 0;
    path[0] = root;
    state[root] = 1;
    nextEdge[root] = successorStart[root];
    while (top >= 0) {
      const i = path[top];
      if (nextEdge[i] === successorStart[i + 1]) {
        state[i] = 2;
        top--;
        continue;
      }
      const j = successor[nextEdge[i]++];
      if (!candidate(j) || state[j] === 2) continue;
      if (state[j] === 1) {
        const cycle: number[] = [];
        let k = top;
        while (path[k] !== j) k--;
        for (; k <= top; k++) cycle.push(path[k]);
        return cycle;
      }
      state[j] = 1;
      nextEdge[j] = successorStart[j];
      path[++top] = j;
    }
  }
  return [];
}

/**
 * The benchmark's yardsticks: plain topological sorts (Kahn's algorithm) over typed arrays, and
 * nothing else. A CPM engine has to do at least this much work; the benchmark reports how many
 * times more it does.
 */

/** Kahn over an existing CSR adjacency: in-degrees, then a queue. */
export function kahnOrder(taskCount: number, successorStart: Int32Array, successor: Int32Array): Int32Array {
  const inDegree = new Int32Array(taskCount);
  for (let e = 0; e < successor.length; e++) inDegree[successor[e]]++;
  const order = new Int32Array(taskCount);
  let tail = 0;
  for (let i = 0; i < taskCount; i++) if (inDegree[i] === 0) order[tail++] = i;
  for (let head = 0; head < tail; head++) {
    const i = order[head];
    for (let e = successorStart[i], end = successorStart[i + 1]; e < end; e++) {
      const j = successor[e];
      if (--inDegree[j] === 0) order[tail++] = j;
    }
  }
  if (tail !== taskCount) throw new Error('the generated network has a cycle');
  return order;
}

/** A topological pass from the same edge list the engine starts from: a counting-sort CSR, then Kahn. */
export function topologicalPassFromEdges(taskCount: number, from: Int32Array, to: Int32Array): Int32Array {
  const successorStart = new Int32Array(taskCount + 1);
  for (let k = 0; k < from.length; k++) successorStart[from[k]]++;
  for (let i = 0; i < taskCount; i++) successorStart[i + 1] += successorStart[i];
  const successor = new Int32Array(from.length);
  for (let k = from.length - 1; k >= 0; k--) successor[--successorStart[from[k]]] = to[k];
  return kahnOrder(taskCount, successorStart, successor);
}

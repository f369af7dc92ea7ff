import type { RpcContext, Tx } from '@baton/platform';

/**
 * What approving a change request with `rebaseline: true` needs from the baselines feature:
 * save a named baseline of the project inside the approval's transaction, so the approval and
 * the baseline commit together or not at all.
 */
export interface Rebaseliner {
  saveInTx(tx: Tx, ctx: RpcContext, projectId: string, name: string): Promise<{ id: string }>;
}

export const REBASELINER = Symbol('REBASELINER');

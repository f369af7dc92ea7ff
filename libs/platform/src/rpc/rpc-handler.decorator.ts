import type { Actor, RpcContract } from '@baton/contracts';
import { SetMetadata } from '@nestjs/common';

export const RPC_HANDLER = Symbol('RPC_HANDLER');

/** What a handler knows about the call besides its validated payload. */
export interface RpcContext {
  /** always set for tenant-scoped contracts (validated uuid from the envelope) */
  tenantId: string;
  actor: Actor;
  requestId?: string;
}

/**
 * Marks a method as the handler of a request/reply contract. The RPC server subscribes to the
 * subject in the service's queue group, validates the envelope and the payload against the
 * contract's request class, and calls `method(payload, context)`.
 */
export const RpcHandler = (contract: RpcContract<unknown, unknown>) => SetMetadata(RPC_HANDLER, contract);

import type { Actor, EventContract, EventEnvelope } from '@baton/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { PLATFORM_OPTIONS, type ResolvedPlatformOptions } from '../platform-options.js';
import { injectTraceContext } from '../telemetry/tracing.js';
import { OutboxRelay } from './outbox-relay.js';

export interface EmitArgs<P> {
  tenantId: string;
  actor: Actor | null;
  aggregateId: string;
  version: number;
  data: P;
}

/** A transaction in progress: run queries with `manager`, record events with `emit`. */
export interface Tx {
  manager: EntityManager;
  emit<P>(contract: EventContract<P>, args: EmitArgs<P>): void;
}

/**
 * Runs a change and its events in one database transaction: the events land in the outbox
 * table with the change or not at all. After commit the relay is nudged so events leave
 * within milliseconds rather than at the next poll.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    @Inject(PLATFORM_OPTIONS) private readonly options: ResolvedPlatformOptions,
  ) {}

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    let emitted = 0;
    const result = await this.dataSource.transaction(async (manager) => {
      const events: { envelope: EventEnvelope; headers: Record<string, string> }[] = [];
      const tx: Tx = {
        manager,
        emit: (contract, args) => {
          const headers: Record<string, string> = {};
          injectTraceContext(headers);
          events.push({
            headers,
            envelope: {
              id: randomUUID(),
              type: contract.subject,
              tenantId: args.tenantId,
              occurredAt: new Date().toISOString(),
              actor: args.actor ? { id: args.actor.id, roles: args.actor.roles } : null,
              aggregate: { type: contract.aggregate, id: args.aggregateId, version: args.version },
              data: args.data,
            },
          });
        },
      };
      const value = await work(tx);
      for (const { envelope, headers } of events) {
        await manager.query(
          `INSERT INTO "${this.options.schema}".outbox (id, subject, tenant_id, payload, headers) VALUES ($1, $2, $3, $4, $5)`,
          [envelope.id, envelope.type, envelope.tenantId, envelope, headers],
        );
      }
      emitted = events.length;
      return value;
    });
    if (emitted > 0) this.relay.kick();
    return result;
  }
}

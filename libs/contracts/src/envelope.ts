import { Type } from 'class-transformer';
import { IsArray, IsDefined, IsNotEmpty, IsObject, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import type { ErrorBody } from './errors.js';

/** Who is asking: the authenticated user or API key, with their roles in the tenant. */
export class Actor {
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  id: string;

  @IsArray()
  @IsString({ each: true })
  roles: string[];
}

/**
 * Every request/reply message carries this envelope. The gateway fills tenant and actor from
 * the verified token; services never trust a tenant id that arrives inside `data`.
 */
export class RequestEnvelope<T = unknown> {
  @IsUUID()
  tenantId: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => Actor)
  actor: Actor;

  @IsObject()
  data: T;
}

export type RpcReply<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** Domain event as it travels on JetStream (`baton.v1.events.<service>.<entity>.<verb>`). */
export interface EventEnvelope<T = unknown> {
  /** uuid; also the JetStream `Nats-Msg-Id`, so the server drops duplicates */
  id: string;
  /** the event subject without any test prefix, e.g. `baton.v1.events.planning.project.created` */
  type: string;
  tenantId: string;
  occurredAt: string;
  actor: { id: string; roles: string[] } | null;
  aggregate: { type: string; id: string; version: number };
  data: T;
}

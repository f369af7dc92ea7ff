/**
 * A request/reply contract: the subject, the request class (validated on both sides with
 * class-validator) and the response class. Typed clients and handlers are built from these,
 * so a subject is never a loose string at a call site.
 */
export type ClassOf<T> = new (...args: never[]) => T;

export interface RpcContract<Req, Res> {
  readonly kind: 'rpc';
  readonly subject: string;
  readonly request: ClassOf<Req>;
  readonly response: ClassOf<Res> | null;
  /** system requests (health) carry no tenant */
  readonly tenantScoped: boolean;
}

export interface EventContract<P> {
  readonly kind: 'event';
  readonly subject: string;
  readonly payload: ClassOf<P>;
  /** the aggregate type the event is about, e.g. `project` */
  readonly aggregate: string;
}

export function rpc<Req, Res>(
  subject: string,
  request: ClassOf<Req>,
  response: ClassOf<Res> | null,
  options: { tenantScoped?: boolean } = {},
): RpcContract<Req, Res> {
  return { kind: 'rpc', subject, request, response, tenantScoped: options.tenantScoped ?? true };
}

export function event<P>(subject: string, aggregate: string, payload: ClassOf<P>): EventContract<P> {
  return { kind: 'event', subject, payload, aggregate };
}

/** `baton.v1.<service>.<entity>.<action>` */
export const rpcSubject = (service: string, entity: string, action: string) =>
  `baton.v1.${service}.${entity}.${action}`;
/** `baton.v1.events.<service>.<entity>.<verb>` */
export const eventSubject = (service: string, entity: string, verb: string) =>
  `baton.v1.events.${service}.${entity}.${verb}`;
/** every domain event of every service */
export const AllEventsSubject = 'baton.v1.events.>';

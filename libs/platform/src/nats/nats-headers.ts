import { headers as natsHeaders, type MsgHdrs } from '@nats-io/nats-core';

/** A plain header carrier (trace context, request id) as NATS message headers. */
export function toNatsHeaders(carrier: Record<string, string>): MsgHdrs {
  const h = natsHeaders();
  for (const [k, v] of Object.entries(carrier)) h.set(k, v);
  return h;
}

/** NATS message headers as a plain carrier with lower-case keys (what W3C propagation reads). */
export function fromNatsHeaders(h: MsgHdrs | undefined): Record<string, string> {
  const carrier: Record<string, string> = {};
  for (const [k] of h ?? []) carrier[k.toLowerCase()] = h!.get(k);
  return carrier;
}

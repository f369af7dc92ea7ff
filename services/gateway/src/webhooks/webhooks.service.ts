import { DEFAULT_PAGE_SIZE, type FieldError } from '@baton/contracts';
import { encodeCursor, NotFoundError, ValidationFailedError } from '@baton/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ProblemException } from '../problem/problem.exception.js';
import { isValidSubscription } from './event-types.js';
import { PrivateTargetPolicy } from './private-targets.js';
import { newWebhookSecret } from './signature.js';
import { checkWebhookUrl, TargetRefused } from './ssrf.js';
import type {
  CreateWebhookEndpointRequest,
  UpdateWebhookEndpointRequest,
  WebhookDeliveryPage,
  WebhookDeliveryResponse,
  WebhookEndpointPage,
  WebhookEndpointResponse,
  WebhookEndpointWithSecret,
} from './webhook.dto.js';
import {
  WebhookDeliveryRepository,
  type DeliveryStatus,
  type WebhookDeliveryRow,
} from './webhook-delivery.repository.js';
import { WebhookDeliveryWorker } from './webhook-delivery.worker.js';
import { WebhookEndpointRepository, type WebhookEndpointRow } from './webhook-endpoint.repository.js';
import { WebhookSecrets } from './webhook-secrets.js';

/** after a rotation the old secret keeps signing (beside the new one) this long */
export const SECRET_ROTATION_GRACE_HOURS = 24;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(cursor: string, sort: string): { at: string; id: string } {
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      s?: string;
      v?: unknown;
      id?: unknown;
    };
    if (
      c.s === sort &&
      typeof c.v === 'string' &&
      !Number.isNaN(Date.parse(c.v)) &&
      typeof c.id === 'string' &&
      UUID.test(c.id)
    ) {
      return { at: c.v, id: c.id };
    }
  } catch {
    // fall through
  }
  throw new ValidationFailedError([{ field: 'cursor', message: 'cursor is not valid for this list' }]);
}

export const endpointResponse = (r: WebhookEndpointRow): WebhookEndpointResponse => ({
  id: r.id,
  url: r.url,
  description: r.description,
  eventTypes: r.eventTypes,
  enabled: r.enabled,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const deliveryResponse = (r: WebhookDeliveryRow): WebhookDeliveryResponse => ({
  id: r.id,
  endpointId: r.endpointId,
  eventId: r.eventId,
  eventType: r.eventType,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.nextAttemptAt?.toISOString() ?? null,
  lastStatusCode: r.lastStatusCode,
  lastError: r.lastError,
  createdAt: r.createdAt.toISOString(),
  deliveredAt: r.deliveredAt?.toISOString() ?? null,
});

/** Webhook endpoints of a tenant (tenant admins only) and their delivery log. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly endpoints: WebhookEndpointRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly privateTargets: PrivateTargetPolicy,
    private readonly worker: WebhookDeliveryWorker,
    private readonly secrets: WebhookSecrets,
  ) {}

  async create(tenantId: string, req: CreateWebhookEndpointRequest): Promise<WebhookEndpointWithSecret> {
    this.checkEventTypes(req.eventTypes);
    const url = await this.checkUrl(tenantId, req.url);
    const secret = newWebhookSecret();
    const id = randomUUID();
    const row = await this.endpoints.insert({
      id,
      tenantId,
      url,
      description: req.description ?? null,
      eventTypes: [...new Set(req.eventTypes)],
      secret: this.secrets.seal(secret, id),
    });
    return { ...endpointResponse(row), secret };
  }

  async list(tenantId: string, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<WebhookEndpointPage> {
    const rows = await this.endpoints.list(
      tenantId,
      limit + 1,
      cursor ? decodeCursor(cursor, 'createdAt') : undefined,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(endpointResponse),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ s: 'createdAt', v: last.createdAt.toISOString(), id: last.id })
          : null,
    };
  }

  async get(tenantId: string, id: string): Promise<WebhookEndpointResponse> {
    return endpointResponse(await this.mustGet(tenantId, id));
  }

  async update(
    tenantId: string,
    id: string,
    req: UpdateWebhookEndpointRequest,
  ): Promise<WebhookEndpointResponse> {
    if (req.eventTypes) this.checkEventTypes(req.eventTypes);
    await this.mustGet(tenantId, id);
    const url = req.url === undefined ? undefined : await this.checkUrl(tenantId, req.url);
    const row = await this.endpoints.update(tenantId, id, {
      url,
      description: req.description,
      eventTypes: req.eventTypes ? [...new Set(req.eventTypes)] : undefined,
      enabled: req.enabled,
    });
    if (!row) throw new NotFoundError('webhook endpoint', id);
    return endpointResponse(row);
  }

  async remove(tenantId: string, id: string): Promise<void> {
    if (!(await this.endpoints.delete(tenantId, id))) throw new NotFoundError('webhook endpoint', id);
  }

  async rotateSecret(tenantId: string, id: string): Promise<WebhookEndpointWithSecret> {
    const secret = newWebhookSecret();
    const row = await this.endpoints.rotateSecret(
      tenantId,
      id,
      this.secrets.seal(secret, id),
      SECRET_ROTATION_GRACE_HOURS,
    );
    if (!row) throw new NotFoundError('webhook endpoint', id);
    return { ...endpointResponse(row), secret };
  }

  async listDeliveries(
    tenantId: string,
    endpointId: string,
    q: { limit?: number; cursor?: string; status?: DeliveryStatus },
  ): Promise<WebhookDeliveryPage> {
    await this.mustGet(tenantId, endpointId);
    const limit = q.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.deliveries.listForEndpoint(tenantId, endpointId, limit + 1, {
      status: q.status,
      before: q.cursor ? decodeCursor(q.cursor, '-createdAt') : undefined,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(deliveryResponse),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ s: '-createdAt', v: last.createdAt.toISOString(), id: last.id })
          : null,
    };
  }

  async getDelivery(tenantId: string, id: string): Promise<WebhookDeliveryResponse> {
    const row = await this.deliveries.get(tenantId, id);
    if (!row) throw new NotFoundError('webhook delivery', id);
    const attempts = await this.deliveries.attempts(id);
    return {
      ...deliveryResponse(row),
      payload: row.payload,
      attemptLog: attempts.map((a) => ({ ...a, attemptedAt: a.attemptedAt.toISOString() })),
    };
  }

  async replay(tenantId: string, id: string): Promise<WebhookDeliveryResponse> {
    const row = await this.deliveries.replay(tenantId, id);
    if (!row) throw new NotFoundError('webhook delivery', id);
    this.worker.kick();
    return deliveryResponse(row);
  }

  private async mustGet(tenantId: string, id: string): Promise<WebhookEndpointRow> {
    const row = await this.endpoints.get(tenantId, id);
    if (!row) throw new NotFoundError('webhook endpoint', id);
    return row;
  }

  private checkEventTypes(types: string[]): void {
    const errors: FieldError[] = types
      .map((t, i) => ({ t, i }))
      .filter(({ t }) => !isValidSubscription(t))
      .map(({ t, i }) => ({
        field: `eventTypes[${i}]`,
        message: `unknown event type "${t}" (see GET /api/v1/webhooks/event-types)`,
      }));
    if (errors.length) throw new ValidationFailedError(errors, 'The request is not valid');
  }

  /** 422 naming `url` when the target is not allowed (SSRF rules; see ssrf.ts) */
  private async checkUrl(tenantId: string, raw: string): Promise<string> {
    try {
      return (await checkWebhookUrl(raw, this.privateTargets.allows(tenantId))).toString();
    } catch (err) {
      if (!(err instanceof TargetRefused)) throw err;
      throw new ProblemException({
        status: 422,
        code: 'WEBHOOK_TARGET_REFUSED',
        title: 'Webhook target refused',
        detail: `The webhook URL is not allowed: ${err.message}`,
        extensions: { errors: [{ field: 'url', message: err.message }] },
      });
    }
  }
}

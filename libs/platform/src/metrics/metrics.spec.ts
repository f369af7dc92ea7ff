import { ErrorCode } from '@baton/contracts';
import { describe, expect, it } from '@jest/globals';
import { register as globalRegistry } from 'prom-client';
import { contractLabel, methodLabel, outcomeLabel, routeLabel, targetLabel } from './labels.js';
import { Metrics } from './metrics.js';

/** the value of one sample in Prometheus text output, or undefined */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
      return Number(line.split(' ').pop());
  }
  return undefined;
}

describe('metric labels stay bounded', () => {
  it('names contracts without the version or any deployment prefix', () => {
    expect(contractLabel('baton.v1.planning.project.get')).toBe('planning.project.get');
    expect(contractLabel('baton.v1.events.planning.project.created')).toBe('events.planning.project.created');
    expect(targetLabel('baton.v1.reporting.project-view.list')).toBe('reporting');
  });

  it('maps error codes to lower-case outcomes and anything else to internal', () => {
    expect(outcomeLabel(ErrorCode.NotFound)).toBe('not_found');
    expect(outcomeLabel(ErrorCode.Timeout)).toBe('timeout');
    expect(outcomeLabel('SOMETHING_NEW')).toBe('internal');
    expect(outcomeLabel(undefined)).toBe('internal');
  });

  it('folds unusual HTTP methods and unmatched routes', () => {
    expect(methodLabel('get')).toBe('GET');
    expect(methodLabel('PROPFIND')).toBe('OTHER');
    expect(routeLabel('/api/v1/projects/:id')).toBe('/api/v1/projects/:id');
    expect(routeLabel(undefined)).toBe('unmatched');
  });
});

describe('Metrics', () => {
  it('labels every series with the service and renders the Prometheus text format', async () => {
    const m = new Metrics('planning');
    m.startRuntimeMetrics();
    m.observeRpcServer('baton.v1.planning.project.get', 'ok', 0.012);
    m.observeRpcServer('baton.v1.planning.project.get', outcomeLabel(ErrorCode.NotFound), 0.003);
    m.observeRpcClient('baton.v1.reporting.project-view.get', 'timeout', 2);
    m.observeHttp('GET', '/api/v1/projects/:id', 200, 0.02);
    m.observeHttp('GET', undefined, 404, 0.001);
    m.outboxPublished(3);
    m.outboxPublishFailed();
    m.observeEvent('reporting-project-view', 'baton.v1.events.planning.project.created', 'ok', 0.004);
    const text = await m.render();
    expect(m.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const s = { service: 'planning' };
    expect(
      sample(text, 'baton_rpc_server_requests_total', {
        ...s,
        subject: 'planning.project.get',
        outcome: 'ok',
      }),
    ).toBe(1);
    expect(
      sample(text, 'baton_rpc_server_requests_total', {
        subject: 'planning.project.get',
        outcome: 'not_found',
      }),
    ).toBe(1);
    expect(sample(text, 'baton_rpc_server_duration_seconds_count', { subject: 'planning.project.get' })).toBe(
      2,
    );
    expect(
      sample(text, 'baton_rpc_client_requests_total', {
        target: 'reporting',
        subject: 'reporting.project-view.get',
        outcome: 'timeout',
      }),
    ).toBe(1);
    expect(sample(text, 'baton_rpc_client_duration_seconds_bucket', { target: 'reporting', le: '1' })).toBe(
      0,
    );
    expect(sample(text, 'baton_rpc_client_duration_seconds_bucket', { target: 'reporting', le: '2.5' })).toBe(
      1,
    );
    expect(
      sample(text, 'baton_http_requests_total', {
        method: 'GET',
        route: '/api/v1/projects/:id',
        status: '200',
      }),
    ).toBe(1);
    expect(sample(text, 'baton_http_requests_total', { route: 'unmatched', status: '404' })).toBe(1);
    expect(sample(text, 'baton_outbox_published_total', s)).toBe(3);
    expect(sample(text, 'baton_outbox_publish_failures_total', s)).toBe(1);
    expect(
      sample(text, 'baton_events_handled_total', {
        consumer: 'reporting-project-view',
        event: 'events.planning.project.created',
        outcome: 'ok',
      }),
    ).toBe(1);
    expect(
      sample(text, 'baton_event_handle_duration_seconds_count', { consumer: 'reporting-project-view' }),
    ).toBe(1);
    // the runtime's metrics come along, labelled too
    expect(sample(text, 'process_cpu_user_seconds_total', s)).toBeGreaterThanOrEqual(0);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    // every sample line carries the service label
    const samples = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(samples.filter((l) => !l.includes('service="planning"'))).toEqual([]);
  });

  it('reads the outbox, consumers and pool only when scraped, and leaves out what it could not read', async () => {
    let outboxReads = 0;
    const m = new Metrics('reporting', { probe: { timeoutMs: 50, cacheMs: 0, staleMs: 0 } });
    m.watchOutbox(async () => (outboxReads++, { pending: 4, oldestAgeSeconds: 12.5 }));
    m.watchConsumers(async () => [{ consumer: 'reporting-project-view', pending: 7, ackPending: 2 }]);
    m.watchDbPool(() => ({ total: 5, idle: 3, waiting: 1 }));
    expect(outboxReads).toBe(0);
    const text = await m.render();
    expect(outboxReads).toBe(1); // one reading feeds both outbox gauges
    expect(sample(text, 'baton_outbox_pending_events')).toBe(4);
    expect(sample(text, 'baton_outbox_oldest_pending_age_seconds')).toBe(12.5);
    expect(
      sample(text, 'baton_event_consumer_pending_messages', { consumer: 'reporting-project-view' }),
    ).toBe(7);
    expect(
      sample(text, 'baton_event_consumer_ack_pending_messages', { consumer: 'reporting-project-view' }),
    ).toBe(2);
    expect(sample(text, 'baton_db_pool_connections', { state: 'total' })).toBe(5);
    expect(sample(text, 'baton_db_pool_connections', { state: 'idle' })).toBe(3);
    expect(sample(text, 'baton_db_pool_connections', { state: 'waiting' })).toBe(1);

    m.watchConsumers(() => new Promise(() => undefined)); // JetStream never answers
    const started = Date.now();
    const slow = await m.render();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(
      sample(slow, 'baton_event_consumer_pending_messages', { consumer: 'reporting-project-view' }),
    ).toBeUndefined();
    // the reading that never came is counted once, though two gauges waited for it (seen from
    // the next scrape: counters are read while probes run; that scrape finds it still running)
    expect(sample(await m.render(), 'baton_metrics_probe_errors_total', { probe: 'consumers' })).toBe(1);
  });

  it('lets many instances (one per Nest app) live in one process without touching the global registry', async () => {
    const a = new Metrics('gateway');
    const b = new Metrics('gateway');
    a.observeHttp('POST', '/api/v1/projects', 201, 0.01);
    expect(
      sample(await b.render(), 'baton_http_requests_total', { route: '/api/v1/projects' }),
    ).toBeUndefined();
    expect(sample(await a.render(), 'baton_http_requests_total', { route: '/api/v1/projects' })).toBe(1);
    expect(globalRegistry.getMetricsAsArray()).toEqual([]);
  });
});

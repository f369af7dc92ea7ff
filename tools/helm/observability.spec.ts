import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './helm-binary.js';
import { MONITORING_API, render } from './render.js';

/**
 * The Grafana dashboard and the PrometheusRule speak of the metrics the services export, and
 * every alert has a runbook entry that says what it means and what to do.
 */

/** what /metrics serves (libs/platform's metrics and prom-client's defaults), as the dashboard and alerts may use it */
const BATON_METRICS = [
  'baton_http_requests_total',
  'baton_http_request_duration_seconds_bucket',
  'baton_rpc_server_requests_total',
  'baton_rpc_server_duration_seconds_bucket',
  'baton_rpc_client_requests_total',
  'baton_rpc_client_duration_seconds_bucket',
  'baton_outbox_pending_events',
  'baton_outbox_oldest_pending_age_seconds',
  'baton_outbox_publish_failures_total',
  'baton_event_consumer_pending_messages',
  'baton_events_handled_total',
  'baton_event_handle_duration_seconds_bucket',
  'baton_db_pool_connections',
];
const RUNTIME_METRICS = [
  'process_cpu_seconds_total',
  'process_resident_memory_bytes',
  'nodejs_heap_size_used_bytes',
  'nodejs_eventloop_lag_p99_seconds',
];
/** from Prometheus itself and kube-state-metrics (kube-prometheus-stack ships both) */
const CLUSTER_METRICS = [
  'up',
  'kube_deployment_status_replicas_available',
  'kube_pod_container_status_restarts_total',
  'kube_job_status_failed',
];
const KNOWN = new Set([...BATON_METRICS, ...RUNTIME_METRICS, ...CLUSTER_METRICS]);

const PROMQL_WORDS = new Set([
  'sum',
  'max',
  'min',
  'avg',
  'by',
  'rate',
  'increase',
  'histogram_quantile',
  'topk',
  'and',
  'or',
  'on',
  'without',
  'label_values',
]);
/** the metric names an expression reads: identifiers followed by { or [ or standing alone, minus PromQL words and label names */
function metricsIn(expr: string): string[] {
  const withoutStrings = expr
    .replace(/"[^"]*"/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/by \([^)]*\)/g, '');
  return [...withoutStrings.matchAll(/\b([a-z_][a-z0-9_]*)\b/g)]
    .map((m) => m[1])
    .filter((w) => (!PROMQL_WORDS.has(w) && /_/.test(w)) || w === 'up')
    .filter((w) => !['__rate_interval'].includes(w));
}

const dashboardText = readFileSync(join(REPO_ROOT, 'deploy/grafana-dashboard.json'), 'utf8');
const dashboard = JSON.parse(dashboardText);
const runbook = readFileSync(join(REPO_ROOT, 'deploy/RUNBOOK.md'), 'utf8');
/** "### Name" sections of the runbook, each up to the next heading */
const runbookSections = new Map(
  runbook.split(/^(?=#{2,3} )/m).map((chunk) => [/^### (\S+)/.exec(chunk)?.[1] ?? '', chunk] as const),
);
/* eslint-disable @typescript-eslint/no-explicit-any */
const rule = render(4, { apiVersions: [MONITORING_API] }).find((m) => m.kind === 'PrometheusRule')!;
const alerts = rule.spec.groups.flatMap((g: any) => g.rules) as Array<{
  alert: string;
  expr: string;
  labels: any;
  annotations: any;
}>;

describe('deploy/grafana-dashboard.json', () => {
  const panels = dashboard.panels.filter((p: any) => p.type !== 'row');
  const exprs: string[] = panels.flatMap((p: any) => p.targets.map((t: any) => t.expr));

  it('is the same file the chart ships (charts/baton/files/grafana-dashboard.json)', () => {
    expect(readFileSync(join(REPO_ROOT, 'charts/baton/files/grafana-dashboard.json'), 'utf8')).toBe(
      dashboardText,
    );
  });

  it('covers the golden signals: traffic, errors, latency, saturation, and the event path', () => {
    const used = new Set(exprs.flatMap(metricsIn));
    for (const m of BATON_METRICS)
      expect({ metric: m, used: used.has(m) }).toEqual({ metric: m, used: true });
    expect(used.has('nodejs_eventloop_lag_p99_seconds')).toBe(true);
  });

  it('reads only metrics the services export, filtered by the namespace and service variables', () => {
    for (const e of exprs) {
      for (const m of metricsIn(e))
        expect({ expr: e, metric: m, known: KNOWN.has(m) }).toEqual({ expr: e, metric: m, known: true });
      expect(e).toContain('namespace="$namespace"');
      expect(e).toContain('service=~"$service"');
    }
    expect(dashboard.templating.list.map((v: any) => v.name)).toEqual(['datasource', 'namespace', 'service']);
  });

  it('has unique panel ids and panels that do not overlap', () => {
    const ids = dashboard.panels.map((p: any) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Set<string>();
    for (const p of dashboard.panels) {
      for (let x = p.gridPos.x; x < p.gridPos.x + p.gridPos.w; x++) {
        for (let y = p.gridPos.y; y < p.gridPos.y + p.gridPos.h; y++) {
          const cell = `${x},${y}`;
          expect(cells.has(cell)).toBe(false);
          cells.add(cell);
        }
      }
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
    }
  });
});

describe('the PrometheusRule', () => {
  it('alerts on the signals the issue names: errors, latency, outbox lag, consumer lag, DB pool, availability', () => {
    const names = alerts.map((a) => a.alert);
    expect(names).toEqual(
      expect.arrayContaining([
        'BatonServiceUnavailable',
        'BatonHighHttpErrorRate',
        'BatonHighHttpLatency',
        'BatonOutboxLagging',
        'BatonConsumerLagging',
        'BatonDbPoolExhausted',
        'BatonRpcErrors',
      ]),
    );
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(alerts.map((a) => [a.alert, a] as const))(
    '%s reads known metrics, has a severity, and a runbook section',
    (name, alert) => {
      for (const m of metricsIn(alert.expr))
        expect({ metric: m, known: KNOWN.has(m) }).toEqual({ metric: m, known: true });
      expect(['warning', 'critical']).toContain(alert.labels.severity);
      expect(alert.annotations.summary).toBeTruthy();
      const anchor = name.toLowerCase();
      expect(alert.annotations.runbook_url).toMatch(new RegExp(`RUNBOOK\\.md#${anchor}$`));
      const section = runbookSections.get(name);
      expect(section).toBeDefined();
      expect(section).toMatch(/\*\*Means\*\*/);
      expect(section).toMatch(/\*\*Do\*\*/);
    },
  );

  it('leaves no runbook alert section without an alert', () => {
    const documented = [...runbookSections.keys()].filter((k) => k.startsWith('Baton'));
    expect(documented.sort()).toEqual(alerts.map((a) => a.alert).sort());
  });
});

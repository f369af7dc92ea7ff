import { collectDefaultMetrics, Registry } from 'prom-client';

const registries = new Map<string, Registry>();

/**
 * prom-client's process and Node.js runtime metrics (`process_*`, `nodejs_*`, event loop lag,
 * GC, heap) in a registry of their own, labelled `service`. They describe the process, not an
 * application, and collecting them starts an event-loop monitor and a GC observer that cannot be
 * stopped; so they are collected once per service name and process, and shared by every
 * application of that service the process runs (one in production, several in a test run),
 * and only once something can scrape them (`Metrics.startRuntimeMetrics`, called when the
 * management port opens): test applications without one start no monitors at all.
 * prom-client's global default registry is never touched.
 */
export function runtimeRegistry(service: string): Registry {
  let registry = registries.get(service);
  if (!registry) {
    registry = new Registry();
    registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: registry });
    registries.set(service, registry);
  }
  return registry;
}

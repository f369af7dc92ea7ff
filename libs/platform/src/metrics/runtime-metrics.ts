import { collectDefaultMetrics, Registry } from 'prom-client';

const runtimeRegistries = new Map<string, Registry>();

/**
 * prom-client's process and Node.js runtime metrics (`process_*`, `nodejs_*`, event loop lag,
 * GC, heap) in a registry of their own, labelled `service`. They describe the process, not an
 * application, and each collection starts an event-loop monitor and a GC observer that cannot be
 * stopped; so they are collected once per service name and process, and shared by every
 * application of that service the process runs (one in production, several in a test run).
 * prom-client's global default registry is never touched.
 */
export function runtimeRegistry(service: string): Registry {
  let registry = runtimeRegistries.get(service);
  if (!registry) {
    registry = new Registry();
    registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: registry });
    runtimeRegistries.set(service, registry);
  }
  return registry;
}

/**
 * Validates rendered manifests against the Kubernetes API schemas shipped by `kubernetes-models`
 * (and `@kubernetes-models/prometheus-operator` for ServiceMonitor and PrometheusRule): required
 * fields, types, enums and formats. Like the API server's schemas these accept unknown fields, so
 * a misspelt optional field is not caught here (the policy tests check the fields that matter).
 */
import type { Manifest } from './render.js';

interface ModelClass {
  new (data: unknown): { validate(): void };
}

/** the module holding the models of an apiVersion, or undefined when none is installed */
function modulePath(apiVersion: string): string | undefined {
  if (apiVersion === 'monitoring.coreos.com/v1')
    return '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
  if (apiVersion.startsWith('gateway.networking.k8s.io/')) return undefined; // @kubernetes-models/gateway-api is not installed
  return `kubernetes-models/${apiVersion}`;
}

const cache = new Map<string, Record<string, unknown>>();

async function load(path: string): Promise<Record<string, unknown>> {
  let mod = cache.get(path);
  if (!mod) {
    mod = (await import(path)) as Record<string, unknown>;
    cache.set(path, mod);
  }
  return mod;
}

export class UnvalidatableKind extends Error {}

/** throws with the schema's message when the manifest is invalid; UnvalidatableKind when no model exists */
export async function validateManifest(m: Manifest): Promise<void> {
  const path = modulePath(m.apiVersion);
  if (!path) throw new UnvalidatableKind(`${m.apiVersion} ${m.kind}: no schema installed`);
  const Model = (await load(path))[m.kind] as ModelClass | undefined;
  if (typeof Model !== 'function') throw new UnvalidatableKind(`${m.apiVersion} ${m.kind}: no model`);
  try {
    new Model(m).validate();
  } catch (err) {
    throw new Error(`${m.kind}/${m.metadata?.name}: ${(err as Error).message}`, { cause: err });
  }
}

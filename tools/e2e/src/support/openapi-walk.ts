// Walking the committed OpenAPI document: every operation, its permission, and request bodies
// built from the schemas (so endpoints added later are covered without editing the tests).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type Json = Record<string, unknown>;
export type Schema = Json & {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
};

export interface WalkedOperation {
  method: string;
  /** the path template, e.g. /api/v1/projects/{id} */
  path: string;
  operationId: string;
  /** x-baton-permission; undefined for public operations */
  permission?: string;
  isPublic: boolean;
  pathParams: string[];
  bodySchema?: Schema;
}

export const OPENAPI_PATH = fileURLToPath(
  new URL('../../../../services/gateway/openapi.json', import.meta.url),
);

export function loadDocument(): Json {
  return JSON.parse(readFileSync(OPENAPI_PATH, 'utf8')) as Json;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(doc: Json): WalkedOperation[] {
  const out: WalkedOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const security = op.security as unknown[] | undefined;
      const body = (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)
        ?.content?.['application/json']?.schema;
      out.push({
        method,
        path,
        operationId: String(op.operationId),
        permission: op['x-baton-permission'] as string | undefined,
        isPublic: Array.isArray(security) && security.length === 0,
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        bodySchema: body,
      });
    }
  }
  return out;
}

export function resolve(doc: Json, schema: Schema): Schema {
  let s = schema;
  while (s.$ref) {
    const name = s.$ref.replace('#/components/schemas/', '');
    s = ((doc.components as Json).schemas as Record<string, Schema>)[name]!;
  }
  return s;
}

/** a value valid for the schema: required properties only, from examples, enums, formats and bounds */
export function sample(doc: Json, schema: Schema, vars: { uuid: () => string }): unknown {
  const s = resolve(doc, schema);
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.enum)) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (type === 'object' || s.properties) {
    const obj: Json = {};
    for (const name of s.required ?? []) obj[name] = sample(doc, s.properties![name]!, vars);
    return obj;
  }
  if (type === 'array') {
    // as few items as the schema allows (an empty array when it sets no minItems)
    const n = typeof s.minItems === 'number' ? s.minItems : 0;
    return Array.from({ length: n }, () => sample(doc, s.items as Schema, vars));
  }
  if (type === 'integer' || type === 'number') return typeof s.minimum === 'number' ? s.minimum : 1;
  if (type === 'boolean') return false;
  switch (s.format) {
    case 'uuid':
      return vars.uuid();
    case 'date':
      return '2027-01-04';
    case 'date-time':
      return '2027-01-04T09:00:00.000Z';
    case 'email':
      return 'someone@example.com';
    case 'uri':
    case 'url':
      return 'https://hooks.example.com/baton';
    default:
      return 'sample';
  }
}

/** the declared property names of a body schema */
export function propertiesOf(doc: Json, schema: Schema | undefined): string[] {
  return schema ? Object.keys(resolve(doc, schema).properties ?? {}) : [];
}

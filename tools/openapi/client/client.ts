/**
 * A small typed client for Baton's API, driven by the types openapi-typescript generates from
 * the committed OpenAPI document (schema.d.ts). Paths, path/query parameters, bodies and the
 * success bodies are checked by the compiler: an operation renamed or a field removed in the
 * gateway breaks the build of everything that calls it (CI type-checks this and the e2e tests).
 *
 *   const api = new BatonClient(url, token);
 *   const res = await api.request('get', '/api/v1/projects/{id}', { path: { id } });
 *   res.data?.name  // typed as ProjectResponse['name']
 */
import type { components, paths } from './schema.js';

export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
export type ProblemDetails = components['schemas']['ProblemDetails'];
export type Schemas = components['schemas'];

/** the paths that have an operation for this method */
export type PathsFor<M extends Method> = {
  [P in keyof paths]: NonNullable<paths[P][M]> extends never ? never : P;
}[keyof paths];

export type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

type Params<O> = O extends { parameters: infer X } ? X : never;
type PathParams<O> = Params<O> extends { path: infer X } ? X : never;
type QueryParams<O> = Params<O> extends { query?: infer X } ? X : never;
type Body<O> = O extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : undefined;

/** the JSON body of the operation's 2xx answers */
export type SuccessBody<O> = O extends { responses: infer R }
  ? { [S in keyof R]: S extends 200 | 201 | 202 | 204 ? JsonOf<R[S]> : never }[keyof R]
  : never;

export type RequestOptions<O> = ([PathParams<O>] extends [never]
  ? { path?: undefined }
  : { path: PathParams<O> }) & {
  query?: [QueryParams<O>] extends [never] ? undefined : QueryParams<O>;
  body?: [Body<O>] extends [never] ? undefined : Body<O>;
  headers?: Record<string, string>;
  /** another credential for this one call (e.g. another tenant's token) */
  as?: string | null;
};

export interface ApiResult<T> {
  status: number;
  headers: Headers;
  /** the body of a 2xx answer */
  data: T | undefined;
  /** the problem+json body of a 4xx/5xx answer */
  problem: ProblemDetails | undefined;
}

export class BatonClient {
  constructor(
    readonly baseUrl: string,
    /** the default bearer credential (a token or an API key); null: none */
    readonly credential: string | null = null,
  ) {}

  /** the same client acting with another credential */
  as(credential: string | null): BatonClient {
    return new BatonClient(this.baseUrl, credential);
  }

  async request<M extends Method, P extends PathsFor<M>>(
    method: M,
    path: P,
    ...[options]: RequestOptions<Operation<P, M>> extends { path: object }
      ? [RequestOptions<Operation<P, M>>]
      : [RequestOptions<Operation<P, M>>?]
  ): Promise<ApiResult<SuccessBody<Operation<P, M>>>> {
    const o = (options ?? {}) as {
      path?: Record<string, string>;
      query?: Record<string, unknown>;
      body?: unknown;
      headers?: Record<string, string>;
      as?: string | null;
    };
    let url = String(path).replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(String(o.path?.[name] ?? '')),
    );
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(o.query ?? {})) {
      if (v === undefined || v === null) continue;
      query.set(k, Array.isArray(v) ? v.join(',') : String(v));
    }
    if ([...query].length) url += `?${query.toString()}`;
    return this.raw(method, url, { body: o.body, headers: o.headers, as: o.as }) as Promise<
      ApiResult<SuccessBody<Operation<P, M>>>
    >;
  }

  /** an untyped call (the endpoint matrix walks the document's paths as strings) */
  async raw(
    method: string,
    pathAndQuery: string,
    o: { body?: unknown; headers?: Record<string, string>; as?: string | null } = {},
  ): Promise<ApiResult<unknown>> {
    const credential = o.as === undefined ? this.credential : o.as;
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    if (credential) headers.authorization = `Bearer ${credential}`;
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${pathAndQuery}`, {
      method: method.toUpperCase(),
      headers,
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
    });
    const text = await res.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    const ok = res.status >= 200 && res.status < 300;
    return {
      status: res.status,
      headers: res.headers,
      data: ok ? json : undefined,
      problem: ok ? undefined : (json as ProblemDetails | undefined),
    };
  }
}

import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * 405 instead of 404 for a path the API has, asked with a method it does not have there (RFC 9110
 * §15.5.6: `PUT /api/v1/projects` is not "not found", and `Allow` says what would work). Fastify
 * routes by method first, so its not-found handler cannot tell; the gateway keeps its own table of
 * path patterns, filled as Nest registers the routes, and consults it only for a 404 from the
 * router (the problem filter), never on the request path.
 */
export class RouteMethods {
  private readonly patterns = new Map<string, { match: RegExp; methods: Set<string> }>();

  add(url: string, methods: string | readonly string[]): void {
    let entry = this.patterns.get(url);
    if (!entry) {
      entry = { match: patternOf(url), methods: new Set() };
      this.patterns.set(url, entry);
    }
    for (const m of typeof methods === 'string' ? [methods] : methods) entry.methods.add(m.toUpperCase());
  }

  /** The methods some route allows on `path` (no query string), sorted; empty for an unknown path. */
  allowed(path: string): string[] {
    const methods = new Set<string>();
    for (const { match, methods: ms } of this.patterns.values())
      if (match.test(path)) ms.forEach((m) => methods.add(m));
    return [...methods].sort();
  }
}

/** `/api/v1/projects/:id` → /^\/api\/v1\/projects\/[^/]+$/ (a `*` matches the rest). */
function patternOf(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) return '[^/]+';
      if (segment === '*') return '.*';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}$`);
}

const ROUTE_METHODS = Symbol('baton.routeMethods');

/** Records every route Fastify registers from now on (call before the app's routes are added). */
export function installRouteMethods(fastify: FastifyInstance): RouteMethods {
  const table = new RouteMethods();
  fastify.addHook('onRoute', (route) => table.add(route.url, route.method));
  (fastify as FastifyInstance & { [ROUTE_METHODS]?: RouteMethods })[ROUTE_METHODS] = table;
  return table;
}

/**
 * For a request the router found no route for: the methods its path does allow, when there are
 * some and its own method is not among them (then the answer is 405 with `Allow`); else undefined.
 */
export function methodsAllowedInstead(request: FastifyRequest): string[] | undefined {
  const server = request.server as (FastifyInstance & { [ROUTE_METHODS]?: RouteMethods }) | undefined;
  const table = server?.[ROUTE_METHODS];
  if (!table) return undefined;
  const path = (request.url ?? '').split('?')[0] ?? '';
  const allowed = table.allowed(path);
  return allowed.length && !allowed.includes(request.method) ? allowed : undefined;
}

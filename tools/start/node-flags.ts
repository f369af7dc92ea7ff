/**
 * The node flags every Baton service runs with, wherever it is started: `npm start`, the
 * end-to-end tests and benchmarks (tools/e2e/src/support/binaries.ts, tools/bench), and the
 * container image (deploy/Dockerfile's ENTRYPOINT; tools/helm/dockerfile.spec.ts holds the two
 * together).
 *
 * --max-semi-space-size=32 (MiB; Node 22's default is 16): a request through the gateway leaves
 * a few kilobytes of short-lived garbage, and at thousands of requests per second the default
 * young generation fills so often that scavenges took over a quarter of the gateway's CPU.
 * Doubling it cut the gateway's CPU per request by about a third in bench:gateway, for at most
 * 48 MiB more memory per process under full load (the young generation grows only when needed).
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];

// bench:gateway's load generator: autocannon in a process of its own, driven by run.ts over IPC.
//
// In the benchmark's own process autocannon shared a heap with the rest of the run, and its
// scavenges there took 5–27 ms every ~120 ms: a pause holds back every response that arrives
// during it, so the pauses showed up in both servers' p99 (and its CPU was mixed with the
// benchmark's). Alone, its scavenges take about 1 ms.
//
// Message in:  { base, paths, headers, connections, seconds }
// Message out: { result } with autocannon's figures, or { error }.
import autocannon from 'autocannon';

process.on('message', async ({ base, paths, headers, connections, seconds }) => {
  try {
    const result = await autocannon({
      url: base,
      connections,
      duration: seconds,
      headers,
      // fixed requests: autocannon builds each one once, and each connection goes round them in order
      requests: paths.map((path) => ({ method: 'GET', path })),
    });
    process.send({
      result: {
        requestsPerSec: Math.round(result.requests.average),
        meanMs: result.latency.mean,
        p50Ms: result.latency.p50,
        p90Ms: result.latency.p90,
        p99Ms: result.latency.p99,
        p999Ms: result.latency.p99_9,
        maxMs: result.latency.max,
        requests: result.requests.total,
        errors: result.errors + result.timeouts,
        non2xx: result.non2xx,
      },
    });
  } catch (err) {
    process.send({ error: String(err?.stack ?? err) });
  }
});
process.send({ ready: true });

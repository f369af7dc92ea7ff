// What a person needs once the platform is up: where the API is, a token, and a first request.

export interface BannerInfo {
  origin: string;
  demoToken: string;
  otherToken: string;
  databaseUrl: string;
  natsUrl: string;
  /** each service's Prometheus endpoint (its management port) */
  metrics?: Array<{ service: string; url: string }>;
  colour: boolean;
}

export function banner(info: BannerInfo): string {
  const api = `${info.origin}/api/v1`;
  const bold = (s: string) => (info.colour ? `\x1b[1m${s}\x1b[0m` : s);
  const rule = '─'.repeat(78);
  return [
    '',
    rule,
    bold('Baton is up.'),
    '',
    `  API       ${api}`,
    `  Docs      ${info.origin}/docs`,
    `  OpenAPI   ${api}/openapi.json`,
    `  Postgres  ${info.databaseUrl}`,
    `  NATS      ${info.natsUrl}`,
    ...(info.metrics?.length
      ? [
          '',
          bold('Metrics (Prometheus), each service on its management port:'),
          ...info.metrics.map((m) => `  ${m.service.padEnd(10)}${m.url}`),
        ]
      : []),
    '',
    bold('Dev token, tenant "Demo PMO", role pmo-admin (valid 12 h):'),
    `  export TOKEN=${info.demoToken}`,
    bold('Another tenant ("Other PMO"), to see that tenants do not see each other:'),
    `  export OTHER_TOKEN=${info.otherToken}`,
    '',
    bold('Try:'),
    `  curl -H "Authorization: Bearer $TOKEN" ${api}/projects`,
    `  curl -X POST -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \\`,
    `       -d '{"name":"ERP rollout"}' ${api}/projects`,
    `  curl -H "Authorization: Bearer $OTHER_TOKEN" ${api}/projects`,
    '',
    bold('More tokens:'),
    '  npm run token -- --tenant <uuid> --roles viewer [--sub alice]',
    '',
    'Ctrl-C stops everything. Data stays in .data/ (delete it for a fresh start).',
    rule,
    '',
  ].join('\n');
}

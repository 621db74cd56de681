/**
 * The haproxy configuration of docs/DEPLOYMENT.md, as the deployment test runs it: replicas
 * checked on GET /api/ready, failed requests retried on another replica.
 */

/** The configuration text for a frontend on `port` and one server per replica port. */
export function haproxyConfig(port: number, replicas: readonly number[], checkIntervalMs = 200): string {
  return [
    'global',
    '  maxconn 1024',
    'defaults',
    '  mode http',
    '  timeout connect 1s',
    '  timeout client 30s',
    '  timeout server 30s',
    // A request that fails on one replica (connection refused or reset, no response) is sent
    // to another: safe for the GET-only search API.
    '  retries 3',
    '  option redispatch 1',
    '  retry-on all-retryable-errors',
    'frontend search',
    `  bind 127.0.0.1:${port}`,
    '  default_backend replicas',
    'backend replicas',
    '  balance roundrobin',
    '  option httpchk GET /api/ready',
    '  http-check expect status 200',
    `  default-server inter ${checkIntervalMs}ms fall 1 rise 2`,
    ...replicas.map((p, i) => `  server replica${i + 1} 127.0.0.1:${p} check`),
    '',
  ].join('\n');
}

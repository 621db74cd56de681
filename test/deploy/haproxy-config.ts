/**
 * The haproxy configuration of docs/DEPLOYMENT.md, as the deployment test runs it: replicas
 * checked on GET /api/ready, failed requests retried on another replica. The directives are the
 * documented ones line for line (haproxy-config.test.ts compares them), only the addresses differ.
 */

/** The configuration text for a frontend on `port` and one server per replica port. */
export function haproxyConfig(port: number, replicas: readonly number[]): string {
  return [
    'global',
    '  maxconn 1024',
    'defaults',
    '  mode http',
    '  timeout connect 1s',
    '  timeout client 30s',
    '  timeout server 30s',
    '  timeout check 2s',
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
    // A replica is taken out after three failed checks in a row (checked every 250 ms once one
    // fails) and back after two good ones: one check slowed by a busy machine does not take a
    // live replica out, and requests that reach a dead one are retried elsewhere meanwhile.
    // `observe layer4 … on-error mark-down`: a refused or reset connection (a killed replica, or
    // one draining after SIGTERM) takes the replica out at once, so retries stop landing on it.
    '  default-server inter 1s fastinter 250ms downinter 500ms fall 3 rise 2 observe layer4 error-limit 1 on-error mark-down',
    ...replicas.map((p, i) => `  server replica${i + 1} 127.0.0.1:${p} check`),
    '',
  ].join('\n');
}

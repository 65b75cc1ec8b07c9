import client from 'prom-client';

export interface Metrics {
  observe(method: string, route: string, status: number, seconds: number): void;
  text(): Promise<string>;
  contentType: string;
}

/** A registry per app (no module-level singleton), with process metrics and an HTTP latency histogram. */
export function createMetrics(opts: { defaults: boolean }): Metrics {
  const registry = new client.Registry();
  if (opts.defaults) client.collectDefaultMetrics({ register: registry, prefix: 'vuonxa_' });
  const duration = new client.Histogram({
    name: 'vuonxa_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern (never the raw URL: it may carry identifiers)',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return {
    observe: (method, route, status, seconds) => duration.observe({ method, route, status: String(status) }, seconds),
    text: () => registry.metrics(),
    contentType: registry.contentType,
  };
}

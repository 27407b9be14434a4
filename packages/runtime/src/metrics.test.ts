import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, test } from 'vitest';
import { createOpsRoutes } from './health.ts';
import { createMetrics } from './metrics.ts';

describe('metrics', () => {
  test('every hook shows up in the Prometheus exposition, labelled by service and topic', async () => {
    const metrics = createMetrics({ service: 'extractor', processMetrics: false });
    metrics.received('documents.parsed');
    metrics.received('documents.parsed');
    metrics.handled('documents.parsed', 0.2, 'ok');
    metrics.failed('documents.parsed', 'internal');
    metrics.published('findings.extracted');
    metrics.deadLettered('documents.parsed', 'invalid_message');
    metrics.lag('documents.parsed', 3, 7);
    const { contentType, body } = await metrics.render();
    expect(contentType).toMatch(/^text\/plain/);
    for (const line of [
      'stixmill_messages_in_total{topic="documents.parsed",service="extractor"} 2',
      'stixmill_messages_out_total{topic="findings.extracted",service="extractor"} 1',
      'stixmill_messages_failed_total{topic="documents.parsed",code="internal",service="extractor"} 1',
      'stixmill_messages_dead_lettered_total{topic="documents.parsed",code="invalid_message",service="extractor"} 1',
      'stixmill_handler_duration_seconds_bucket{le="0.25",service="extractor",topic="documents.parsed",outcome="ok"} 1',
      'stixmill_consumer_lag_messages{topic="documents.parsed",partition="3",service="extractor"} 7',
    ]) {
      expect(body).toContain(line);
    }
  });
});

describe('ops routes', () => {
  test.each([
    { path: '/healthz', ready: false, status: 200, body: /ok/ },
    { path: '/readyz', ready: false, status: 503, body: /^not ready: waiting for parser@documents\.fetched\n$/ },
    { path: '/readyz', ready: true, status: 200, body: /ready/ },
    { path: '/metrics', ready: true, status: 200, body: /stixmill_messages_in_total/ },
    { path: '/elsewhere', ready: true, status: 404, body: /left to the app/ },
  ])('$path when ready=$ready answers $status', async ({ path, ready, status, body }) => {
    const metrics = createMetrics({ service: 'parser', processMetrics: false });
    metrics.received('documents.fetched');
    const ops = createOpsRoutes({ ready: () => ready, waiting: () => ['parser@documents.fetched'], metrics });
    const server = createServer((req, res) => {
      if (!ops(req, res)) res.writeHead(404).end('left to the app');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);
      expect(res.status).toBe(status);
      expect(await res.text()).toMatch(body);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

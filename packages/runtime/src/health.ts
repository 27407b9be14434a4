import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from './metrics.ts';

// The operator's routes of every service process: liveness, readiness and Prometheus metrics.
// Returned as a request handler that answers those three paths and leaves every other to the
// caller (the taxii service serves its API and TAXII on the same port).

export interface OpsRoutesOptions {
  /** Whether the process does its job now (e.g. its consumers joined their groups). */
  ready: () => boolean;
  /** While not ready: what it waits for (the consumer groups not joined), named in the 503. */
  waiting?: () => string[];
  metrics?: Metrics;
}

/** Answers /healthz, /readyz and /metrics and returns true; returns false for any other path. */
export type OpsRoutes = (req: IncomingMessage, res: ServerResponse) => boolean;

export function createOpsRoutes(options: OpsRoutesOptions): OpsRoutes {
  const text = (res: ServerResponse, status: number, body: string) =>
    void res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);

  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      text(res, 200, 'ok\n');
      return true;
    }
    if (path === '/readyz') {
      const ready = options.ready();
      const waiting = ready ? [] : (options.waiting?.() ?? []);
      text(
        res,
        ready ? 200 : 503,
        ready ? 'ready\n' : `not ready${waiting.length ? `: waiting for ${waiting.join(', ')}` : ''}\n`,
      );
      return true;
    }
    if (path === '/metrics' && options.metrics) {
      options.metrics.render().then(
        ({ contentType, body }) => void res.writeHead(200, { 'content-type': contentType }).end(body),
        (error: unknown) => text(res, 500, `metrics failed: ${String(error)}\n`),
      );
      return true;
    }
    return false;
  };
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_COLLECTION_ID } from '@stixmill/store';
import type { GeneratedReport } from './documents.ts';

// What the distributed tests do through the taxii process's HTTP API, as a user would.

const TAXII = 'application/taxii+json;version=2.1';

/** Where the API is: a cluster's taxii process, or an embedded `stixmill run`. */
export interface ApiTarget {
  taxii(): { baseUrl: string };
}

export interface Report {
  id: string;
  stage: string;
  created?: string;
  stages?: Record<string, string>;
  error?: { code: string; message: string; stage?: string };
}

export interface FeedObject {
  id: string;
  type: string;
  modified?: string;
  pattern?: string;
  name?: string;
  value?: string;
}

/** A web server on 127.0.0.1 serving `/<token>.txt` for each report registered in `documents`. */
export async function serveDocuments(
  documents: Map<string, GeneratedReport>,
): Promise<{ server: Server; base: string; hostPort: string }> {
  const server = createServer((req, res) => {
    const token = req.url?.match(/^\/([\w-]+)\.txt$/)?.[1];
    const doc = token ? documents.get(token) : undefined;
    if (!doc) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(doc.text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}`, hostPort: `127.0.0.1:${port}` };
}

/** POST /api/reports: a URL, or the document itself uploaded as the body. */
export async function submit(cluster: ApiTarget, what: { url: string } | { upload: string }): Promise<string> {
  const base = cluster.taxii().baseUrl;
  const res =
    'url' in what
      ? await fetch(`${base}/api/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ url: what.url }),
        })
      : await fetch(`${base}/api/reports?filename=upload.txt`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: what.upload,
        });
  if (res.status !== 202) throw new Error(`submit answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { reportId: string }).reportId;
}

export async function report(cluster: ApiTarget, id: string): Promise<Report> {
  return (await (await fetch(`${cluster.taxii().baseUrl}/api/reports/${id}`)).json()) as Report;
}

/** Until every report is `stored` (one GET /api/reports a poll); fails at once if one `failed`. */
export async function allStored(cluster: ApiTarget, ids: string[], timeoutMs: number): Promise<Report[]> {
  const wanted = new Set(ids);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${cluster.taxii().baseUrl}/api/reports?limit=500`);
    const { reports } = (await res.json()) as { reports: Report[] };
    const mine = reports.filter((r) => wanted.has(r.id));
    const failed = mine.find((r) => r.stage === 'failed');
    if (failed) throw new Error(`report ${failed.id} failed: ${JSON.stringify(failed.error)}`);
    const pending = ids.length - mine.filter((r) => r.stage === 'stored').length;
    if (pending === 0) return mine;
    if (Date.now() > deadline) throw new Error(`${pending} of ${ids.length} reports not stored after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every version of every object in the default collection, paged with match[version]=all. */
export async function feedVersions(cluster: ApiTarget): Promise<FeedObject[]> {
  const base = cluster.taxii().baseUrl;
  const headers = { accept: TAXII };
  const collection = DEFAULT_COLLECTION_ID;
  const objects: FeedObject[] = [];
  let next: string | undefined;
  do {
    const query = new URLSearchParams({ 'match[version]': 'all', limit: '500', ...(next ? { next } : {}) });
    const res = await fetch(`${base}/api/v21/collections/${collection}/objects/?${query}`, { headers });
    if (res.status !== 200) throw new Error(`objects answered ${res.status}: ${await res.text()}`);
    const page = (await res.json()) as { more?: boolean; next?: string; objects?: FeedObject[] };
    objects.push(...(page.objects ?? []));
    next = page.more ? page.next : undefined;
  } while (next);
  return objects;
}

/** How many versions of each id the feed holds. */
export function versionsById(objects: FeedObject[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const o of objects) counts.set(o.id, (counts.get(o.id) ?? 0) + 1);
  return counts;
}

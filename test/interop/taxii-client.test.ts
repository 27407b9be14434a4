import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
// The root package does not depend on the workspace packages, so `@stixmill/*` does not resolve
// from test/; these are the packages' public entry points, reached by path.
import { openStore, type Store } from '@stixmill/store';
import { createHttpApp, TAXII_MEDIA_TYPE } from '@stixmill/taxii';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { testIndicator } from '../support/stix-objects.ts';

// The real OASIS taxii2-client (PyPI `taxii2-client`) against our TAXII server on 127.0.0.1:
// discovery, API root, collections, paging through objects and the manifest with limit and
// added_after, one object, its versions, and adding objects with a status.

const ROOT = resolve(import.meta.dirname, '../..');
const PYTHON = join(ROOT, '.venv/bin/python');
const run = promisify(execFile);

/** The client's side: what it saw, as JSON on stdout. Its one argument is the JSON of `args` below. */
const CLIENT = `import json
import sys

from taxii2client.v21 import Collection, Server, as_pages

args = json.loads(sys.argv[1])
auth = {"user": args["user"], "password": args["password"]}
out = {}

server = Server(args["discovery"], **auth)
out["title"] = server.title
root = server.default
out["api_root"] = {"title": root.title, "versions": root.versions, "max_content_length": root.max_content_length}
out["collections"] = [
    {"id": c.id, "title": c.title, "can_read": c.can_read, "can_write": c.can_write} for c in root.collections
]

collection = next(c for c in root.collections if c.id == args["collection"])
per = args["per_request"]
out["object_pages"] = [[o["id"] for o in env.get("objects", [])] for env in as_pages(collection.get_objects, per_request=per)]
out["after_pages"] = [
    [o["id"] for o in env.get("objects", [])]
    for env in as_pages(collection.get_objects, per_request=per, added_after=args["added_after"])
]
out["manifest_pages"] = [
    [[m["id"], m["date_added"], m["version"], m["media_type"]] for m in env.get("objects", [])]
    for env in as_pages(collection.get_manifest, per_request=per)
]
first_id = out["object_pages"][0][0]
out["one_object"] = [o["id"] for o in collection.get_object(first_id).get("objects", [])]
out["versions"] = collection.object_versions(args["versioned"]).get("versions", [])
out["all_versions"] = [
    [o["created"], o["modified"]] for o in collection.get_object(args["versioned"], version="all").get("objects", [])
]
out["by_type"] = [o["type"] for o in collection.get_objects(type="indicator").get("objects", [])]

writable = Collection(root.url + "collections/" + args["writable"] + "/", **auth)
status = writable.add_objects(json.dumps(args["post"]))
status.refresh()  # polls GET .../status/{id}/
out["status"] = {
    "status": status.status,
    "total_count": status.total_count,
    "success_count": status.success_count,
    "failure_count": status.failure_count,
    "pending_count": status.pending_count,
}
out["written"] = [o["id"] for o in writable.get_objects().get("objects", [])]

print(json.dumps(out))
`;

const indicator = (n: number) => testIndicator(n, `[email-addr:value = 'recruiter${n}@example.com']`, '20000000');

describe('OASIS taxii2-client against the stixmill TAXII server', () => {
  let store: Store;
  let server: Server;
  let discovery: string;
  const readable = randomUUID();
  const writable = randomUUID();
  const objects = Array.from({ length: 11 }, (_, n) => indicator(n));
  const sco = {
    type: 'domain-name',
    spec_version: '2.1',
    id: `domain-name--${randomUUID()}`,
    value: 'laptopfarm.example',
  };

  beforeAll(async () => {
    if (!existsSync(PYTHON)) throw new Error(`${PYTHON} is missing: run \`bash scripts/setup-python.sh\``);
    store = await openStore();
    await store.putCollection({ id: readable, title: 'interop read', canRead: true, canWrite: false });
    await store.putObjects(readable, objects.slice(0, 6));
    await store.putObjects(readable, [...objects.slice(6), sco]);
    // A second version of the first object, with changed content; added last, so paging is unchanged.
    await store.putObjects(readable, [{ ...indicator(0), modified: '2025-03-01T00:00:00.000Z', confidence: 90 }]);
    // The writable collection as an operator configures it (STIXMILL_TAXII_COLLECTIONS).
    const app = createHttpApp({
      store,
      auth: { users: [{ name: 'soc', password: 's3cret' }] },
      collections: [{ id: writable, title: 'interop write', write: ['soc'] }],
    });
    server = createServer((req, res) => void app(req, res));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    discovery = `http://127.0.0.1:${(server.address() as AddressInfo).port}/taxii2/`;
  });

  afterAll(async () => {
    await new Promise((done) => server?.close(done));
    await store?.close();
  });

  test('discovers, lists, pages, reads the manifest and adds objects', async () => {
    const manifest = (await store.manifest(readable, { limit: 100 })).items;
    const cut = manifest[5]?.dateAdded ?? '';
    const post = { objects: [indicator(100), indicator(101)] };
    const args = {
      discovery,
      user: 'soc',
      password: 's3cret',
      collection: readable,
      writable,
      added_after: cut,
      per_request: 4,
      versioned: objects[0]?.id,
      post,
    };
    const { stdout } = await run(PYTHON, ['-c', CLIENT, JSON.stringify(args)], {
      env: { ...process.env, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' },
      timeout: 60_000,
    });
    const seen = JSON.parse(stdout);

    expect(seen.title).toBe('stixmill');
    expect(seen.api_root).toEqual({
      title: 'stixmill',
      versions: [TAXII_MEDIA_TYPE],
      max_content_length: 10 * 1024 * 1024,
    });
    expect(seen.collections).toContainEqual({ id: readable, title: 'interop read', can_read: true, can_write: false });
    expect(seen.collections).toContainEqual({ id: writable, title: 'interop write', can_read: true, can_write: true });

    // The latest version of each object, in the order added: the first object's is now the last.
    const all = [...objects.slice(1).map((o) => o.id), sco.id, objects[0]?.id];
    expect(seen.object_pages.map((p: string[]) => p.length)).toEqual([4, 4, 4]);
    expect(seen.object_pages.flat()).toEqual(all);
    expect(seen.after_pages.flat()).toEqual(all.slice(6));
    expect(seen.manifest_pages.flat().map((m: string[]) => m[0])).toEqual(all);
    expect(seen.manifest_pages.flat()[0]).toEqual([
      objects[1]?.id,
      manifest[0]?.dateAdded,
      '2025-02-21T10:00:00.000Z',
      'application/stix+json;version=2.1',
    ]);
    expect(seen.one_object).toEqual([objects[1]?.id]);
    expect(seen.versions).toEqual(['2025-02-21T10:00:00.000Z', '2025-03-01T00:00:00.000Z']);
    expect(seen.all_versions).toEqual([
      ['2025-02-21T10:00:00.000Z', '2025-02-21T10:00:00.000Z'],
      ['2025-02-21T10:00:00.000Z', '2025-03-01T00:00:00.000Z'],
    ]);
    expect(seen.by_type).toHaveLength(11);

    expect(seen.status).toEqual({
      status: 'complete',
      total_count: 2,
      success_count: 2,
      failure_count: 0,
      pending_count: 0,
    });
    expect(seen.written).toEqual([indicator(100).id, indicator(101).id]);
  });
});

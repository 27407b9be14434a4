import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventually, type Running, runCli, startStixmill } from '../support/cli.ts';

// Issue 7, dedupe: the same URL or the same content is not processed twice unless a re-run is
// asked for; a changed page is processed again and its objects get new versions. `stixmill run`
// in a child process, reports served by a local web server whose page the test can change.

const TAXII = 'application/taxii+json;version=2.1';

interface Report {
  id: string;
  stage: string;
  duplicateOf?: string;
  error?: { code: string; message: string };
}

function page(sentence: string): string {
  return `<!doctype html><html><head><title>Fake recruiter domains</title></head><body><article>
<h1>Fake recruiter domains</h1>
<p>North Korean IT workers used fake staffing firms to pass background checks.</p>
<p>${sentence}</p>
<p>A relay at 45.137.21.9 carried their remote desktop sessions.</p>
</article></body></html>`;
}

describe('dedupe (stixmill run)', () => {
  let web: Server;
  let webBase: string;
  let stixmill: Running;
  let advisory = page('The domain hirelancer-talent[.]com hosted the fake recruiter portal.');
  const files = mkdtempSync(join(tmpdir(), 'stixmill-dedupe-'));

  beforeAll(async () => {
    web = createServer((req, res) => {
      if (req.url === '/advisory.html') res.writeHead(200, { 'content-type': 'text/html' }).end(advisory);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    const { port } = web.address() as AddressInfo;
    webBase = `http://127.0.0.1:${port}`;
    stixmill = await startStixmill({ STIXMILL_FETCH_ALLOW: `127.0.0.1:${port}` });
  }, 90_000);

  afterAll(async () => {
    await stixmill?.stop();
    await new Promise((r) => web?.close(r));
    rmSync(files, { recursive: true, force: true });
  });

  async function submitUrl(body: Record<string, unknown>): Promise<string> {
    const res = await fetch(`${stixmill.baseUrl}/api/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as { reportId: string }).reportId;
  }

  async function settled(reportId: string): Promise<Report> {
    return eventually(
      async () => {
        const report = (await (await fetch(`${stixmill.baseUrl}/api/reports/${reportId}`)).json()) as Report;
        return ['stored', 'failed', 'duplicate'].includes(report.stage) ? report : undefined;
      },
      `report ${reportId} to settle`,
      60_000,
    );
  }

  /** Every version of every object in the default collection. */
  async function allVersions(): Promise<{ id: string; modified?: string; pattern?: string }[]> {
    const found: { id: string; modified?: string; pattern?: string }[] = [];
    let next: string | undefined;
    do {
      const query = new URLSearchParams({ 'match[version]': 'all', limit: '1000', ...(next ? { next } : {}) });
      const res = await fetch(`${stixmill.baseUrl}/api/v21/collections/default/objects/?${query}`, {
        headers: { accept: TAXII },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { more?: boolean; next?: string; objects?: typeof found };
      found.push(...(body.objects ?? []));
      next = body.more ? body.next : undefined;
    } while (next);
    return found;
  }

  const indicatorVersions = async (value: string) =>
    (await allVersions()).filter((o) => o.pattern?.includes(`'${value}'`)).map((o) => o.modified);

  test('a URL submitted twice: the second report is a duplicate of the first', async () => {
    const first = await settled(await submitUrl({ url: `${webBase}/advisory.html` }));
    expect(first.stage).toBe('stored');
    const second = await settled(await submitUrl({ url: `${webBase}/advisory.html` }));
    expect(second).toMatchObject({ stage: 'duplicate', duplicateOf: first.id });
    expect(second.error).toBeUndefined();
  });

  test('a file uploaded twice with stixmill submit: the second is a duplicate, and submit exits 0 naming the first', async () => {
    const file = join(files, 'laptop-farm.md');
    writeFileSync(file, '# Laptop farm\n\nThe facilitator logged in from 45.137.21.77 to the company laptops.\n');
    const submit = () => runCli(['submit', file, '--server', stixmill.baseUrl], { timeoutMs: 90_000 });
    const first = await submit();
    expect(first.code).toBe(0);
    const firstId = (JSON.parse(first.stdout) as { reportId: string; stage: string }).reportId;
    expect(JSON.parse(first.stdout)).toMatchObject({ stage: 'stored' });

    const second = await submit();
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ stage: 'duplicate', duplicateOf: firstId });
    expect(second.stderr).toContain(`same document as ${firstId} (stored)`);
    expect(second.stderr).toContain('--rerun');
  });

  test('a re-run is processed and stored again, and adds no object versions', async () => {
    const before = await allVersions();
    const file = join(files, 'laptop-farm.md'); // uploaded by the test above
    const rerun = await runCli(['submit', file, '--rerun', '--server', stixmill.baseUrl], { timeoutMs: 90_000 });
    expect(rerun.code).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ stage: 'stored' });
    expect(rerun.stderr).toMatch(/extracted/);
    // So is a URL with "rerun": true in the API.
    const byUrl = await settled(await submitUrl({ url: `${webBase}/advisory.html`, rerun: true }));
    expect(byUrl.stage).toBe('stored');
    const after = await allVersions();
    expect(after.length).toBe(before.length);
  });

  test('the page changed: processed again, stored, and its changed indicator has a new version', async () => {
    const versionsBefore = await indicatorVersions('hirelancer-talent.com');
    expect(versionsBefore).toHaveLength(1);
    advisory = page('Recruiters were sent to hirelancer-talent[.]com for a fake onboarding form.');
    const changed = await settled(await submitUrl({ url: `${webBase}/advisory.html` }));
    expect(changed.stage).toBe('stored');
    expect(changed.duplicateOf).toBeUndefined();
    const versionsAfter = await indicatorVersions('hirelancer-talent.com');
    expect(versionsAfter).toHaveLength(2);
    expect(versionsAfter).toContain(versionsBefore[0]);
    // The changed page itself is now what a plain resubmission duplicates.
    const again = await settled(await submitUrl({ url: `${webBase}/advisory.html` }));
    expect(again).toMatchObject({ stage: 'duplicate', duplicateOf: changed.id });
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT, type Running, startStixmill } from '../support/cli.ts';

// The analyst console in a real browser (Debian's Chromium, driven by playwright-core) against a
// real `stixmill run` with the review gate on, fed a page from a local web server: submit the
// page's URL, watch it reach "stored" over the live stream, open the review, reject a finding and
// add one, publish, and see exactly the revised report's objects appear in TAXII, none before. Screenshots of each view go to
// .tmp/screenshots/.

const SHOTS = join(ROOT, '.tmp', 'screenshots');
const TAXII = 'application/taxii+json;version=2.1';
const DEFAULT_ID = '9f3b6c1e-5a47-4c2d-8e0b-7d1f2a6c4e58';
const AUTH = `Basic ${Buffer.from('analyst:review-pw').toString('base64')}`;

/** Debian's Chromium (scripts/test.sh installs it), or CHROMIUM_PATH. */
function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    throw new Error("no Chromium found: install Debian's (apt-get install chromium) or set CHROMIUM_PATH");
  }
}

let web: Server;
let pageUrl = '';
let stixmill: Running;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // The console under test is the one in the tree (a second of esbuild).
  execFileSync(process.execPath, [join(ROOT, 'packages/console/scripts/build.ts')], { stdio: 'ignore' });
  const advisory = readFileSync(join(ROOT, 'test/fixtures/documents/itw-advisory.html'));
  web = createServer((req, res) => {
    if (req.url === '/advisories/itw.html') res.writeHead(200, { 'content-type': 'text/html' }).end(advisory);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  const { port } = web.address() as AddressInfo;
  pageUrl = `http://127.0.0.1:${port}/advisories/itw.html`;
  stixmill = await startStixmill({
    STIXMILL_REVIEW: 'review',
    STIXMILL_TAXII_USERS: 'analyst:review-pw',
    STIXMILL_TAXII_WRITERS: 'analyst',
    STIXMILL_FETCH_ALLOW: `127.0.0.1:${port}`,
    STIXMILL_MAX_UPLOAD_BYTES: String(64 * 1024),
  });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    httpCredentials: { username: 'analyst', password: 'review-pw' },
  });
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stixmill?.stop();
  await new Promise((resolve) => web?.close(resolve));
});

/** Submit a URL in the console and wait for its row in the report list to say it failed. */
async function failedRow(url: string, host: string, timeoutMs: number) {
  await page.goto(`${stixmill.baseUrl}/#/submit`);
  await page.getByLabel('Report URLs, one per line').fill(url);
  await page.getByRole('button', { name: 'Submit' }).click();
  const link = page.locator('.outcomes li.ok', { hasText: host }).locator('a');
  await link.waitFor({ timeout: 30_000 });
  const reportId = (await link.textContent()) ?? '';
  await page.goto(`${stixmill.baseUrl}/#/reports`);
  const row = page.locator(`tr[data-report="${reportId}"][data-stage="failed"]`);
  await row.waitFor({ timeout: timeoutMs });
  return row;
}

async function feedIds(): Promise<string[]> {
  const res = await fetch(`${stixmill.baseUrl}/api/v21/collections/${DEFAULT_ID}/objects/?limit=1000`, {
    headers: { accept: TAXII, authorization: AUTH },
  });
  return ((await res.json()) as { objects: { id: string }[] }).objects.map((o) => o.id).sort();
}

describe('the analyst console', () => {
  test('submit a URL, watch it stored, review, publish: the feed gets exactly the report, nothing before', async () => {
    await page.goto(`${stixmill.baseUrl}/#/submit`);
    await page.getByLabel('Report URLs, one per line').fill(pageUrl);
    await page.getByLabel('TLP').selectOption('green');
    await page.screenshot({ path: join(SHOTS, 'submit.png') });
    await page.getByRole('button', { name: 'Submit' }).click();
    const link = page.locator('.outcomes li.ok a');
    await link.waitFor({ timeout: 30_000 });
    const reportId = (await link.textContent()) ?? '';
    expect(reportId).toMatch(/^r-/);

    // The list follows the report over the event stream to "stored".
    await page.goto(`${stixmill.baseUrl}/#/reports`);
    await page.locator(`tr[data-report="${reportId}"][data-stage="stored"]`).waitFor({ timeout: 90_000 });
    await expect(page.locator(`tr[data-report="${reportId}"]`).textContent()).resolves.toContain('waits for review');
    await page.screenshot({ path: join(SHOTS, 'reports.png'), fullPage: true });

    // Held for review: the feed SOC platforms poll has none of it.
    expect(await feedIds()).toEqual([]);

    await page.locator(`a[href="#/reports/${reportId}"]`).first().click();
    await page.locator('.finding').first().waitFor({ timeout: 30_000 });
    await expect(page.locator('[data-published]').getAttribute('data-published')).resolves.toBe('no');
    const findings = await page.locator('.finding').count();
    expect(findings).toBeGreaterThan(3);
    // The graph draws a node per related object and says how many in its label.
    const graph = page.getByRole('img', { name: /objects and \d+ relationships/ });
    await graph.waitFor();
    expect(await page.locator('svg.graph g.node').count()).toBeGreaterThan(3);
    await graph.screenshot({ path: join(SHOTS, 'graph.png') });
    await page.screenshot({ path: join(SHOTS, 'review.png'), fullPage: true });
    await page.screenshot({ path: join(SHOTS, 'review-top.png') });

    // Reject the first indicator; add a domain the extractor missed, taken from selected text.
    const first = page.locator('.finding[data-type="indicator"]').first();
    const rejectedValue = (await first.getAttribute('data-value')) ?? '';
    await first.getByRole('button', { name: 'Reject' }).click();
    await page.getByLabel('Value or name').fill('missed-by-extractor.example');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.screenshot({ path: join(SHOTS, 'review-edits.png') });
    // The tab closes mid-review and opens again: the review in progress is still there.
    await page.reload();
    const save = page.getByRole('button', { name: 'Save the review (1 rejected, 1 added)' });
    await save.waitFor({ timeout: 30_000 });
    await save.click();
    await page.getByText(/Saved: 1 rejected, 1 added/).waitFor({ timeout: 30_000 });

    await page.getByRole('button', { name: 'Publish to the feed' }).click();
    await page.locator('[data-published="yes"]').waitFor({ timeout: 30_000 });
    await expect(page.locator('[data-published]').textContent()).resolves.toContain('by analyst');
    await page.screenshot({ path: join(SHOTS, 'published.png'), fullPage: true });

    const bundle = (await (
      await fetch(`${stixmill.baseUrl}/api/reports/${reportId}/bundle`, { headers: { authorization: AUTH } })
    ).json()) as { objects: { id: string; type: string; name?: string; value?: string }[] };
    // Exactly the revised report: the rejected indicator is gone, the added domain and the
    // analyst's note are in, and that is what the feed serves.
    expect(bundle.objects.some((o) => o.name === rejectedValue)).toBe(false);
    expect(bundle.objects.some((o) => o.value === 'missed-by-extractor.example')).toBe(true);
    expect(bundle.objects.some((o) => o.type === 'note')).toBe(true);
    expect(await feedIds()).toEqual([...new Set(bundle.objects.map((o) => o.id))].sort());
  }, 240_000);

  test('without credentials the console asks for them, as the API does', async () => {
    const res = await fetch(`${stixmill.baseUrl}/`);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  test('a refused file type and a document over the limit are said so in the page, and nothing else is lost', async () => {
    await page.goto(`${stixmill.baseUrl}/#/submit`);
    await page.setInputFiles('#files', [
      { name: 'notes.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\u0003\u0004') },
      { name: 'huge.txt', mimeType: 'text/plain', buffer: Buffer.alloc(100 * 1024, 'a') },
      {
        name: 'small.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('Contact recruiter at hire-desk.example for the role.'),
      },
    ]);
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.locator('.outcomes li').nth(2).waitFor({ timeout: 30_000 });
    const outcomes = await page.locator('.outcomes li').allTextContents();
    expect(outcomes[0]).toMatch(/notes\.docx: notes\.docx: not a document the pipeline reads/);
    expect(outcomes[1]).toMatch(/huge\.txt: .*limit is 65536/);
    expect(outcomes[2]).toMatch(/small\.txt: r-/);
    await page.screenshot({ path: join(SHOTS, 'submit-errors.png') });
  }, 120_000);

  test('an unreachable address is a failed report with the reason in words', async () => {
    const row = await failedRow('http://no-such-host.invalid/advisory', 'no-such-host.invalid', 120_000);
    await expect(row.textContent()).resolves.toMatch(/failed at fetcher: no-such-host\.invalid does not resolve/);
  }, 180_000);

  test('a blocked address is refused with a clear message in the page', async () => {
    // The API takes the URL; the fetcher refuses it, and the list says why.
    const row = await failedRow('http://10.0.0.1/internal', '10.0.0.1', 60_000);
    await expect(row.textContent()).resolves.toMatch(/private|refused/);
  }, 180_000);
});

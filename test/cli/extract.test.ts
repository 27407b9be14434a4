import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBundle } from '@stixmill/stix';
import { describe, expect, test } from 'vitest';
import { ROOT, runCli } from '../support/cli.ts';

// `stixmill extract` as a user (and score.mjs) runs it: one bundle on stdout, nothing else there.

const fixture = (name: string) => join(ROOT, 'test/fixtures/documents', name);

interface Bundle {
  type: string;
  objects: {
    type: string;
    id: string;
    pattern?: string;
    name?: string;
    aliases?: string[];
    object_marking_refs?: string[];
  }[];
}

describe('stixmill extract', () => {
  test.each([
    { file: 'itw-advisory.html', pattern: "[domain-name:value = 'hirelancer-talent.com']" },
    { file: 'laptop-farm-notes.txt', pattern: "[email-addr:value = 'danielmoore.dev@outlook.com']" },
    { file: 'npm-campaign.md', pattern: "[ipv4-addr:value = '185.235.241.208']" },
  ])('prints one STIX bundle for $file on stdout', async ({ file, pattern }) => {
    const result = await runCli(['extract', fixture(file)]);
    expect(result.code).toBe(0);
    const bundle = JSON.parse(result.stdout) as Bundle;
    expect(bundle.type).toBe('bundle');
    // Round trip: every object parses with the project's own STIX schemas, references resolve.
    expect(() => parseBundle(bundle)).not.toThrow();
    expect(bundle.objects.some((o) => o.type === 'report')).toBe(true);
    expect(bundle.objects.map((o) => o.pattern)).toContain(pattern);
  });

  test('--explain lists what was left out on stderr and leaves stdout one bundle', async () => {
    const text = [
      'Indicators:',
      'relay-sync-cdn[.]net',
      'The loader first checks connectivity with 8.8.8.8 and microsoft.com.',
    ].join('\n');
    const result = await runCli(['extract', '-', '--explain'], { input: text });
    expect(result.code).toBe(0);
    const bundle = JSON.parse(result.stdout) as Bundle;
    expect(bundle.objects.map((o) => o.pattern)).toContain("[domain-name:value = 'relay-sync-cdn.net']");
    expect(result.stderr).toMatch(/^dropped\tipv4-addr\t8\.8\.8\.8\tbenign:public-dns\t/m);
    expect(result.stderr).toMatch(/^dropped\tdomain-name\tmicrosoft\.com\tbenign:/m);
    expect(result.stderr).not.toMatch(/relay-sync-cdn/);
  });

  test('reads stdin with -', async () => {
    const result = await runCli(['extract', '-'], { input: readFileSync(fixture('npm-campaign.md'), 'utf8') });
    expect(result.code).toBe(0);
    const bundle = JSON.parse(result.stdout) as Bundle;
    expect(bundle.objects.map((o) => o.pattern)).toContain("[domain-name:value = 'api-checkdev.xyz']");
  });

  test('--tlp marks every object of the report (shared definitions and the producer stay TLP:CLEAR)', async () => {
    const result = await runCli(['extract', fixture('npm-campaign.md'), '--tlp', 'amber']);
    const bundle = JSON.parse(result.stdout) as Bundle;
    const amber = bundle.objects.find((o) => o.type === 'marking-definition' && o.name === 'TLP:AMBER');
    expect(amber).toBeDefined();
    const report = bundle.objects.find((o) => o.type === 'report') as { created_by_ref?: string } | undefined;
    const shared = (o: { type: string; id: string }) =>
      ['marking-definition', 'extension-definition'].includes(o.type) || o.id === report?.created_by_ref;
    const unmarked = bundle.objects.filter((o) => !shared(o) && !o.object_marking_refs?.includes(amber?.id ?? ''));
    expect(bundle.objects.filter((o) => !shared(o)).length).toBeGreaterThan(5);
    expect(unmarked.map((o) => o.id)).toEqual([]);
  });

  test('the same document twice gives the same bundle but for timestamps and the bundle id', async () => {
    const strip = (json: string) =>
      json
        .replace(/"(created|modified|published|valid_from)": "[^"]+"/g, '"$1": "T"')
        .replace(/bundle--[0-9a-f-]{36}/g, 'bundle--X');
    const first = await runCli(['extract', fixture('itw-advisory.html')]);
    const second = await runCli(['extract', fixture('itw-advisory.html')]);
    expect(first.code).toBe(0);
    expect(strip(second.stdout)).toBe(strip(first.stdout));
  });

  test('a bundle it printed, handed back in, gives the same indicators and named objects', async () => {
    const first = (await runCli(['extract', fixture('npm-campaign.md')])).stdout;
    const again = await runCli(['extract', '-'], { input: first });
    expect(again.code).toBe(0);
    const named = (b: Bundle) =>
      b.objects
        .filter((o) => o.pattern !== undefined || ['malware', 'tool', 'intrusion-set', 'threat-actor'].includes(o.type))
        .map((o) => (o.pattern ?? `${o.type}|${o.name}`).replace(/^.*?\[/, '['))
        .sort();
    expect(named(JSON.parse(again.stdout) as Bundle)).toEqual(named(JSON.parse(first) as Bundle));
  });

  test('two documents naming the same actor give it the same id', async () => {
    const actorIds = async (file: string) => {
      const bundle = JSON.parse((await runCli(['extract', fixture(file)])).stdout) as Bundle;
      return bundle.objects
        .filter((o) => o.type === 'intrusion-set' && [o.name, ...(o.aliases ?? [])].includes('Famous Chollima'))
        .map((o) => o.id);
    };
    // One says "Jasper Sleet and ... Famous Chollima", the other "Famous Chollima": one actor, one id.
    const [a, b] = await Promise.all([actorIds('itw-advisory.html'), actorIds('npm-campaign.md')]);
    expect(a).toHaveLength(1);
    expect(b).toEqual(a);
  });

  test.each([
    { label: 'a missing file', args: ['extract', '/no/such/report.html'], code: 1, message: /cannot read/ },
    { label: 'a bad TLP', args: ['extract', fixture('npm-campaign.md'), '--tlp', 'purple'], code: 2, message: /--tlp/ },
    { label: 'no argument', args: ['extract'], code: 2, message: /needs a FILE/ },
    { label: 'a private address', args: ['extract', 'http://10.0.0.1/report'], code: 1, message: /blocked_address/ },
  ])('$label: exit $code with a clear message and nothing on stdout', async ({ args, code, message }) => {
    const result = await runCli(args);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});

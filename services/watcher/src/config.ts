import { TLP_LEVELS } from '@stixmill/contracts';
import { z } from 'zod';
import type { FeedSpec } from './watcher.ts';

// The feeds to watch: URLs from an environment variable, and/or a JSON file of
// `[{ "url", "labels"?, "tlp"?, "topics"? }]` (or `{ "feeds": [...] }`) for feeds that need more.

const Spec = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  labels: z.array(z.string().min(1).max(100)).max(50).optional(),
  tlp: z.enum(TLP_LEVELS).optional(),
  topics: z.array(z.string().min(1)).optional(),
});
const SpecFile = z.union([z.array(Spec), z.strictObject({ feeds: z.array(Spec) })]);

/** Every problem at once, as a TypeError the CLI reports with the other configuration errors. */
export function parseFeedSpecs(input: { urls: readonly string[]; file?: { name: string; text: string } }): FeedSpec[] {
  const problems: string[] = [];
  const specs: z.infer<typeof Spec>[] = [];
  for (const url of input.urls) {
    const parsed = Spec.safeParse({ url });
    if (parsed.success) specs.push(parsed.data);
    else problems.push(`feed ${JSON.stringify(url)} is not an http(s) URL`);
  }
  if (input.file) {
    let json: unknown;
    try {
      json = JSON.parse(input.file.text);
    } catch (error) {
      problems.push(`${input.file.name} is not JSON: ${(error as Error).message}`);
    }
    if (json !== undefined) {
      const parsed = SpecFile.safeParse(json);
      if (parsed.success) specs.push(...(Array.isArray(parsed.data) ? parsed.data : parsed.data.feeds));
      else problems.push(...parsed.error.issues.map((i) => `${input.file?.name}: ${i.path.join('.')}: ${i.message}`));
    }
  }
  if (problems.length) throw new TypeError(problems.join('; '));
  // One entry per URL: the file's richer entry wins over a bare URL.
  const byUrl = new Map<string, FeedSpec>();
  for (const { url, labels, tlp, topics } of specs) {
    byUrl.set(url, {
      ...byUrl.get(url),
      url,
      ...(labels ? { labels } : {}),
      ...(tlp ? { tlp } : {}),
      ...(topics ? { topics } : {}),
    });
  }
  return [...byUrl.values()];
}

import { createMemoryBlobStore } from '@stixmill/blobs';
import { type Dropped, type Log, newReportId, PAYLOADS, type Tlp } from '@stixmill/contracts';
import type { Config } from '@stixmill/runtime';
import { createPipeline } from '../compose.ts';
import { readSource } from '../source.ts';

/** One line per candidate left out: type, value, the rule that left it out, where it stood. */
export function explainLines(dropped: readonly Dropped[]): string[] {
  if (dropped.length === 0) return ['explain: no candidate was left out'];
  return [
    `explain: ${dropped.length} candidate(s) left out`,
    ...dropped.map((d) => {
      const where = d.evidence.sentence.length > 100 ? `${d.evidence.sentence.slice(0, 99)}…` : d.evidence.sentence;
      return `dropped\t${d.type}\t${d.value}\t${d.reasons.join(',')}\t${JSON.stringify(where)}`;
    }),
  ];
}

/**
 * One-shot mode: one document through fetcher, parser, extractor and exporter in this process,
 * with no bus and no store; the bundle goes to stdout. Each hand-over is validated against the
 * topic's contract exactly as the bus would.
 */
export async function extractCommand(
  arg: string,
  options: { config: Config; log: Log; tlp?: Tlp; explain?: (line: string) => void },
): Promise<string> {
  const { config, log } = options;
  const pipeline = createPipeline(config, { blobs: createMemoryBlobStore() });
  const ctx = { reportId: newReportId(), log, signal: new AbortController().signal };
  const source = await readSource(arg, { maxBytes: config.STIXMILL_FETCH_MAX_BYTES });
  const submitted = PAYLOADS['reports.submitted'].parse({
    source,
    context: { tlp: options.tlp ?? config.STIXMILL_DEFAULT_TLP },
  });
  const fetched = PAYLOADS['documents.fetched'].parse(await pipeline.fetcher.handle(submitted, ctx));
  const parsed = PAYLOADS['documents.parsed'].parse(await pipeline.parser.handle(fetched, ctx));
  const found = PAYLOADS['findings.extracted'].parse(await pipeline.extractor.handle(parsed, ctx));
  if (options.explain) for (const line of explainLines(found.dropped ?? [])) options.explain(line);
  const exported = PAYLOADS['stix.bundles'].parse(await pipeline.exporter.handle(found, ctx));
  return `${JSON.stringify(exported.bundle, null, 2)}\n`;
}

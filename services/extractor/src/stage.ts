import type { BlobStore } from '@stixmill/blobs';
import { type Findings, ParsedDocument, type Payload, type Stage, StageError } from '@stixmill/contracts';

export interface ExtractorDeps {
  /** The pure extractor (packages/extract); injected so the stage can be tested with any. */
  extract: (document: ParsedDocument) => Findings | Promise<Findings>;
  /** Documents extracted at once (with a worker pool behind `extract`, its size); default 1. */
  concurrency?: number;
  /** Where a large parsed document waits (claim check); without it only inline documents are read. */
  blobs?: BlobStore;
}

/** The parsed document, inline or claimed from the blob store. */
async function documentOf(payload: Payload<'documents.parsed'>, blobs: BlobStore | undefined): Promise<ParsedDocument> {
  if (payload.document) return payload.document;
  const ref = payload.documentRef?.ref ?? '';
  if (!blobs) throw new StageError('store_failed', `no blob store to read the parsed document ${ref} from`);
  const text = Buffer.from(await blobs.get(ref)).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = ParsedDocument.safeParse(json);
  if (!parsed.success) throw new StageError('invalid_message', `blob ${ref} is not a parsed document`);
  return parsed.data;
}

/** documents.parsed -> findings.extracted: runs the extractor over the clean text. */
export function createExtractorStage(deps: ExtractorDeps): Stage<'documents.parsed', 'findings.extracted'> {
  return {
    name: 'extractor',
    from: 'documents.parsed',
    to: 'findings.extracted',
    ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
    async handle(payload, ctx) {
      const document = await documentOf(payload, deps.blobs);
      let found: Findings;
      try {
        found = await deps.extract(document);
      } catch (cause) {
        // The pool's own verdicts (too costly, out of memory) keep their code.
        if (cause instanceof StageError) throw cause;
        throw new StageError('extract_failed', `extraction failed: ${(cause as Error).message}`, { cause });
      }
      ctx.log.info({ findings: found.findings.length, relations: found.relations.length }, 'extracted');
      return {
        meta: document.meta,
        findings: found.findings,
        relations: found.relations,
        ...(found.dropped ? { dropped: found.dropped } : {}),
        context: payload.context,
      };
    },
  };
}

import { type Findings, type ParsedDocument, type Stage, StageError } from '@stixmill/contracts';

export interface ExtractorDeps {
  /** The pure extractor (packages/extract); injected so the stage can be tested with any. */
  extract: (document: ParsedDocument) => Findings;
}

/** documents.parsed -> findings.extracted: runs the extractor over the clean text. */
export function createExtractorStage(deps: ExtractorDeps): Stage<'documents.parsed', 'findings.extracted'> {
  return {
    name: 'extractor',
    from: 'documents.parsed',
    to: 'findings.extracted',
    async handle(payload, ctx) {
      let found: Findings;
      try {
        found = deps.extract(payload.document);
      } catch (cause) {
        throw new StageError('extract_failed', `extraction failed: ${(cause as Error).message}`, { cause });
      }
      ctx.log.info({ findings: found.findings.length, relations: found.relations.length }, 'extracted');
      return {
        meta: payload.document.meta,
        findings: found.findings,
        relations: found.relations,
        ...(found.dropped ? { dropped: found.dropped } : {}),
        context: payload.context,
      };
    },
  };
}

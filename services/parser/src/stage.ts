import { createHash } from 'node:crypto';
import type { BlobStore } from '@stixmill/blobs';
import {
  type Body,
  type ParsedDocument,
  type Payload,
  type PayloadInput,
  type Stage,
  StageError,
} from '@stixmill/contracts';
import { parseDocument } from './parse.ts';
import type { DocumentOrigin } from './types.ts';

// documents.fetched -> documents.parsed: claim the body (inline or from the blob store), check
// it is the body that was fetched, parse it.

export interface ParserDeps {
  blobs: BlobStore;
  /** A parsed document whose JSON is larger goes to the blob store (claim check); default 512 KiB. */
  inlineMaxBytes?: number;
  /** How to parse: on worker threads (createParsePool) in the services; in this thread by default. */
  parse?: (bytes: Uint8Array, origin: DocumentOrigin) => Promise<ParsedDocument>;
  /** Documents parsed at once (with a worker pool behind `parse`, its size); default 1. */
  concurrency?: number;
}

async function bytesOf(body: Body, blobs: BlobStore): Promise<Uint8Array> {
  return body.kind === 'inline' ? Buffer.from(body.base64, 'base64') : blobs.get(body.ref);
}

export function createParserStage(deps: ParserDeps): Stage<'documents.fetched', 'documents.parsed'> {
  return {
    name: 'parser',
    from: 'documents.fetched',
    to: 'documents.parsed',
    ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
    async handle(payload: Payload<'documents.fetched'>, ctx): Promise<PayloadInput<'documents.parsed'>> {
      const bytes = await bytesOf(payload.body, deps.blobs);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      if (sha256 !== payload.sha256) {
        throw new StageError('invalid_message', `the body's sha256 is ${sha256}, the message says ${payload.sha256}`);
      }
      const document = await (deps.parse ?? parseDocument)(bytes, {
        contentType: payload.contentType,
        source: payload.source,
        ...(payload.finalUrl ? { finalUrl: payload.finalUrl } : {}),
        ...(payload.filename ? { filename: payload.filename } : {}),
      });
      ctx.log.info(
        {
          source: payload.source,
          blocks: document.blocks.length,
          links: document.links.length,
          chars: document.text.length,
        },
        'document parsed',
      );
      const json = Buffer.from(JSON.stringify(document));
      if (json.length <= (deps.inlineMaxBytes ?? 512 * 1024)) return { document, context: payload.context };
      // The text of a large document would not fit a message: it travels by reference.
      const documentRef = { kind: 'blob' as const, ref: await deps.blobs.put(json), size: json.length };
      return { documentRef, context: payload.context };
    },
  };
}

import { createHash } from 'node:crypto';
import type { BlobStore } from '@stixmill/blobs';
import type { Body, Payload, PayloadInput, Skipped, Stage } from '@stixmill/contracts';
import { type FetchedResponse, type SafeFetchOptions, safeFetch } from '@stixmill/safe-fetch';
import type { FetcherConfig } from './config.ts';
import { decodeInline, uploadedDocument } from './inline.ts';
import type { Seen } from './seen.ts';

// reports.submitted -> documents.fetched: get the bytes (network or inline), label them, and
// put large bodies in the blob store so only a reference travels on the bus. With a Seen
// memory, a body another report already carried stops here as that report's duplicate.

/** The next payload, or a duplicate report stopped here. */
export type FetcherOutput = PayloadInput<'documents.fetched'> | Skipped;

export type FetchFunction = (url: string, options: SafeFetchOptions) => Promise<FetchedResponse>;

export interface FetcherDeps {
  config: FetcherConfig;
  blobs: BlobStore;
  /** safeFetch by default; a test or the one-shot CLI may pass another. */
  fetch?: FetchFunction;
  /** For SafeFetchOptions.resolve (DNS); the system resolver by default. */
  resolve?: SafeFetchOptions['resolve'];
  now?: () => Date;
  /** Bodies already handed on, for dedupe; without it every report is processed (one-shot mode). */
  seen?: Seen;
}

async function bodyOf(bytes: Uint8Array, inlineMaxBytes: number, blobs: BlobStore): Promise<Body> {
  if (bytes.length <= inlineMaxBytes) return { kind: 'inline', base64: Buffer.from(bytes).toString('base64') };
  return { kind: 'blob', ref: await blobs.put(bytes), size: bytes.length };
}

export function createFetcherStage(deps: FetcherDeps): Stage<'reports.submitted', 'documents.fetched', FetcherOutput> {
  const fetch = deps.fetch ?? safeFetch;
  const now = deps.now ?? (() => new Date());
  const { config } = deps;
  return {
    name: 'fetcher',
    from: 'reports.submitted',
    to: 'documents.fetched',
    concurrency: config.concurrency,
    async handle(payload: Payload<'reports.submitted'>, ctx): Promise<FetcherOutput> {
      const { source } = payload;
      let document: { source: string; contentType: string; bytes: Uint8Array } & Partial<{
        finalUrl: string;
        status: number;
        filename: string;
      }>;
      if (source.kind === 'url') {
        const response = await fetch(source.url, {
          timeoutMs: config.timeoutMs,
          connectTimeoutMs: config.connectTimeoutMs,
          maxBytes: config.maxBytes,
          maxRedirects: config.maxRedirects,
          allow: config.allow,
          signal: ctx.signal,
          ...(deps.resolve ? { resolve: deps.resolve } : {}),
        });
        document = {
          source: source.url,
          finalUrl: response.finalUrl,
          status: response.status,
          contentType: response.contentType,
          bytes: response.body,
        };
      } else {
        // An upload too large for a message was put in the blob store by the API (claim check).
        const inline =
          source.kind === 'blob'
            ? uploadedDocument(await deps.blobs.get(source.ref), source, config.maxBytes)
            : decodeInline(source, config.maxBytes);
        document = {
          source: source.filename ? `file:${source.filename}` : 'stdin',
          contentType: inline.contentType,
          bytes: inline.body,
          ...(source.filename ? { filename: source.filename } : {}),
        };
      }
      const { bytes, ...rest } = document;
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      // The same report seen again is a redelivery (a crash before its output was acknowledged),
      // not a duplicate: it goes on.
      const earlier = await deps.seen?.check(sha256);
      if (earlier !== undefined && earlier !== ctx.reportId && !payload.context.rerun) {
        ctx.log.info({ source: rest.source, sha256, duplicateOf: earlier }, 'document already processed');
        return { skipped: { stage: 'duplicate', reason: `same content as ${earlier}`, duplicateOf: earlier } };
      }
      const body = await bodyOf(bytes, config.inlineMaxBytes, deps.blobs);
      // Remembered only once the body is stored: a failure before that leaves nothing to skip.
      await deps.seen?.remember(sha256, ctx.reportId);
      ctx.log.info(
        { source: rest.source, contentType: rest.contentType, size: bytes.length, body: body.kind },
        'document fetched',
      );
      return { ...rest, sha256, size: bytes.length, fetchedAt: now().toISOString(), body, context: payload.context };
    },
  };
}

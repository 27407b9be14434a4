export { DEFAULT_FETCHER_CONFIG, type FetcherConfig } from './config.ts';
export { decodeInline, type InlineDocument, type InlineSource } from './inline.ts';
export { createDirectorySeen, createMemorySeen, type Seen } from './seen.ts';
export { createFetcherStage, type FetcherDeps, type FetcherOutput, type FetchFunction } from './stage.ts';

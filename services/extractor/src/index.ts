export { createExtractorStage, type ExtractorDeps } from './stage.ts';
export { createExtractPool, type ExtractPool, type ExtractPoolOptions } from './workers.ts';

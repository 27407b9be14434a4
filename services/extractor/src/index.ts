export { createExtractorStage, type ExtractorDeps } from './stage.ts';

export { DEFAULT_PRODUCER_NAME, type Skipped, type ToBundleOptions, toBundle } from './handler.ts';
export { createExporterStage, type ExporterDeps } from './stage.ts';

export type { Submit, SubmitRequest } from './api.ts';
export { createHttpApp, type HttpAppDeps, type RequestListener } from './app.ts';
export type { AuthConfig, Principal } from './auth.ts';
export { STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE } from './media.ts';
export { API_ROOT_PATH, DISCOVERY_PATH, HEALTH_PATH, REPORTS_PATH } from './paths.ts';
export { createTaxiiStage, type TaxiiStageDeps } from './stage.ts';

/** Where the TAXII resources live; the only place these paths are spelled. */
export const DISCOVERY_PATH = '/taxii2/';
export const API_ROOT_PATH = '/api/v21/';
export const REPORTS_PATH = '/api/reports';
export const HEALTH_PATH = '/healthz';
export const OPENAPI_PATH = '/api/openapi.json';

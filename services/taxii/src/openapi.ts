import { REPORT_STAGES, TLP_LEVELS } from '@stixmill/contracts';
import { STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE } from './media.ts';

// The OpenAPI 3.1 description of everything this server answers: TAXII 2.1 (OASIS TAXII 2.1
// §4-§5, paths as medallion serves them), the report API and the health check. Served at
// /api/openapi.json; a test checks that every route of the server appears here.

const taxiiError = { $ref: '#/components/responses/TaxiiError' };
const apiError = { $ref: '#/components/responses/ApiError' };
const taxiiErrors = Object.fromEntries(['400', '401', '403', '404', '406', '429'].map((s) => [s, taxiiError]));

function taxiiOk(description: string, schema: object) {
  return { description, content: { [TAXII_MEDIA_TYPE]: { schema } } };
}

/** The report id in a report route's path. */
const REPORT_PARAM = { name: 'report', in: 'path', required: true, schema: { type: 'string' } };

const pageHeaders = {
  'X-TAXII-Date-Added-First': { $ref: '#/components/headers/DateAddedFirst' },
  'X-TAXII-Date-Added-Last': { $ref: '#/components/headers/DateAddedLast' },
};

const param = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const objectFilters = ['AddedAfter', 'Limit', 'Next', 'MatchId', 'MatchType', 'MatchVersion', 'MatchSpecVersion'].map(
  param,
);
const collectionParam = param('Collection');
const objectParam = param('Object');

const envelope = {
  type: 'object',
  properties: {
    more: { type: 'boolean' },
    next: { type: 'string', description: 'Stateless cursor: pass it back as `next` with the same filters.' },
    objects: { type: 'array', items: { $ref: '#/components/schemas/StixObject' } },
  },
};

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'stixmill',
    version: '1.0.0',
    summary: 'STIX 2.1 over TAXII 2.1, and the report API that feeds it.',
    license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
  },
  tags: [
    { name: 'TAXII 2.1', description: `Every answer has Content-Type ${TAXII_MEDIA_TYPE}, errors included.` },
    { name: 'reports', description: 'Submit reports to the pipeline and follow them.' },
    { name: 'operations' },
  ],
  security: [{ basic: [] }, { bearer: [] }, {}],
  paths: {
    '/taxii2/': {
      get: {
        tags: ['TAXII 2.1'],
        operationId: 'getDiscovery',
        summary: 'Server discovery (TAXII 2.1 §4.1)',
        responses: { '200': taxiiOk('Discovery resource', { $ref: '#/components/schemas/Discovery' }), ...taxiiErrors },
      },
    },
    '/api/v21/': {
      get: {
        tags: ['TAXII 2.1'],
        operationId: 'getApiRoot',
        summary: 'API root information (§4.2)',
        responses: { '200': taxiiOk('API root resource', { $ref: '#/components/schemas/ApiRoot' }), ...taxiiErrors },
      },
    },
    '/api/v21/status/{status}/': {
      get: {
        tags: ['TAXII 2.1'],
        operationId: 'getStatus',
        summary: 'Status of an add-objects request (§4.3)',
        parameters: [{ name: 'status', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': taxiiOk('Status resource', { $ref: '#/components/schemas/Status' }), ...taxiiErrors },
      },
    },
    '/api/v21/collections/': {
      get: {
        tags: ['TAXII 2.1'],
        operationId: 'getCollections',
        summary: 'The collections the requester may read or write (§5.1)',
        responses: {
          '200': taxiiOk('Collections resource', {
            type: 'object',
            properties: { collections: { type: 'array', items: { $ref: '#/components/schemas/Collection' } } },
          }),
          ...taxiiErrors,
        },
      },
    },
    '/api/v21/collections/{collection}/': {
      get: {
        tags: ['TAXII 2.1'],
        operationId: 'getCollection',
        summary: 'One collection, by id or alias (§5.2)',
        parameters: [collectionParam],
        responses: {
          '200': taxiiOk('Collection resource', { $ref: '#/components/schemas/Collection' }),
          ...taxiiErrors,
        },
      },
    },
    '/api/v21/collections/{collection}/manifest/': {
      get: {
        tags: ['TAXII 2.1'],
        operationId: 'getManifest',
        summary: 'Manifest of the objects (§5.3)',
        parameters: [collectionParam, ...objectFilters],
        responses: {
          '200': {
            ...taxiiOk('Manifest resource', {
              type: 'object',
              properties: {
                more: { type: 'boolean' },
                next: { type: 'string' },
                objects: { type: 'array', items: { $ref: '#/components/schemas/ManifestRecord' } },
              },
            }),
            headers: pageHeaders,
          },
          ...taxiiErrors,
        },
      },
    },
    '/api/v21/collections/{collection}/objects/': {
      get: {
        tags: ['TAXII 2.1'],
        operationId: 'getObjects',
        summary: 'Objects, one by one in an envelope, oldest added first (§5.4)',
        parameters: [collectionParam, ...objectFilters],
        responses: { '200': { ...taxiiOk('Envelope', envelope), headers: pageHeaders }, ...taxiiErrors },
      },
      post: {
        tags: ['TAXII 2.1'],
        operationId: 'addObjects',
        summary: 'Add objects (§5.5); answers a status resource',
        parameters: [collectionParam],
        requestBody: { required: true, content: { [TAXII_MEDIA_TYPE]: { schema: envelope } } },
        responses: {
          '202': taxiiOk('Status resource', { $ref: '#/components/schemas/Status' }),
          ...taxiiErrors,
          '413': taxiiError,
          '415': taxiiError,
        },
      },
    },
    '/api/v21/collections/{collection}/objects/{object}/': {
      get: {
        tags: ['TAXII 2.1'],
        operationId: 'getObject',
        summary: 'The versions of one object that match (§5.6)',
        parameters: [collectionParam, objectParam, ...objectFilters.filter((p) => p.$ref !== param('MatchId').$ref)],
        responses: { '200': { ...taxiiOk('Envelope', envelope), headers: pageHeaders }, ...taxiiErrors },
      },
      delete: {
        tags: ['TAXII 2.1'],
        operationId: 'deleteObject',
        summary: 'Delete the versions of one object that match (§5.7)',
        parameters: [collectionParam, objectParam, param('MatchVersion'), param('MatchSpecVersion')],
        responses: { '200': { description: 'Deleted' }, ...taxiiErrors },
      },
    },
    '/api/v21/collections/{collection}/objects/{object}/versions/': {
      get: {
        tags: ['TAXII 2.1'],
        operationId: 'getObjectVersions',
        summary: 'The version timestamps of one object (§5.8)',
        parameters: [
          collectionParam,
          objectParam,
          param('AddedAfter'),
          param('Limit'),
          param('Next'),
          param('MatchSpecVersion'),
        ],
        responses: {
          '200': {
            ...taxiiOk('Versions resource', {
              type: 'object',
              properties: {
                more: { type: 'boolean' },
                next: { type: 'string' },
                versions: { type: 'array', items: { type: 'string', format: 'date-time' } },
              },
            }),
            headers: pageHeaders,
          },
          ...taxiiErrors,
        },
      },
    },
    '/api/reports': {
      get: {
        tags: ['reports'],
        operationId: 'listReports',
        summary: 'Recent reports, most recently updated first',
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
        ],
        responses: {
          '200': {
            description: 'Reports',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { reports: { type: 'array', items: { $ref: '#/components/schemas/Report' } } },
                },
              },
            },
          },
          '400': apiError,
          '401': apiError,
          '429': apiError,
        },
      },
      post: {
        tags: ['reports'],
        operationId: 'submitReport',
        summary: 'Submit a report: a URL as JSON, or a document as its own Content-Type',
        parameters: [
          { name: 'filename', in: 'query', schema: { type: 'string' } },
          { name: 'tlp', in: 'query', schema: { enum: [...TLP_LEVELS] } },
          { name: 'label', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
          {
            name: 'rerun',
            in: 'query',
            description:
              'Process the upload even if the same content was processed before (else it ends as `duplicate`).',
            schema: { enum: ['true', 'false'] },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['url'],
                additionalProperties: false,
                properties: {
                  url: { type: 'string', format: 'uri' },
                  tlp: { enum: [...TLP_LEVELS] },
                  labels: { type: 'array', items: { type: 'string' } },
                  rerun: {
                    type: 'boolean',
                    description:
                      'Process the document even if the same content was processed before (else it ends as `duplicate`).',
                  },
                },
              },
            },
            'text/html': { schema: { type: 'string' } },
            'text/plain': { schema: { type: 'string' } },
            'text/markdown': { schema: { type: 'string' } },
            'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } },
            'application/octet-stream': { schema: { type: 'string' } },
          },
        },
        responses: {
          '202': {
            description: 'Accepted',
            content: {
              'application/json': {
                schema: { type: 'object', properties: { reportId: { type: 'string' }, status: { type: 'string' } } },
              },
            },
          },
          '400': apiError,
          '401': apiError,
          '403': apiError,
          '413': apiError,
          '415': apiError,
          '429': apiError,
          '501': apiError,
          '503': apiError,
        },
      },
    },
    '/api/reports/{report}': {
      get: {
        tags: ['reports'],
        operationId: 'getReport',
        summary: 'The stage a report reached',
        parameters: [REPORT_PARAM],
        responses: {
          '200': {
            description: 'Report',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Report' } } },
          },
          '401': apiError,
          '404': apiError,
          '429': apiError,
        },
      },
    },
    '/api/reports/events': {
      get: {
        tags: ['reports'],
        operationId: 'streamReports',
        summary: 'Server-sent events: a `report` event (a Report) for each report change the reader may see',
        responses: {
          '200': { description: 'An event stream; the newest 50 reports first', content: { 'text/event-stream': {} } },
          '401': apiError,
          '429': apiError,
        },
      },
    },
    '/api/reports/{report}/bundle': {
      get: {
        tags: ['reports'],
        operationId: 'getReportBundle',
        summary: "The report's STIX 2.1 bundle, as a file",
        parameters: [REPORT_PARAM],
        responses: {
          '200': { description: 'Bundle', content: { 'application/stix+json;version=2.1': {} } },
          '401': apiError,
          '404': apiError,
          '429': apiError,
        },
      },
    },
    '/api/reports/{report}/review': {
      post: {
        tags: ['reports'],
        operationId: 'reviewReport',
        summary:
          "An analyst's review: reject findings (their ids), add ones the extractor missed; the report becomes a new version with the analyst's note",
        parameters: [REPORT_PARAM],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: {
                  reject: { type: 'array', items: { type: 'string' } },
                  add: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['type', 'value'],
                      properties: { type: { type: 'string' }, value: { type: 'string' }, sentence: { type: 'string' } },
                    },
                  },
                },
              },
            },
          },
        },
        responses: {
          '200': { description: 'Revised', content: { 'application/json': {} } },
          '400': apiError,
          '401': apiError,
          '403': apiError,
          '404': apiError,
          '409': apiError,
          '429': apiError,
        },
      },
    },
    '/api/reports/{report}/publish': {
      post: {
        tags: ['reports'],
        operationId: 'publishReport',
        summary: "Put a report's objects into the published collections (review gate); a reviewer may",
        parameters: [REPORT_PARAM],
        responses: {
          '200': { description: 'Published (again: nothing changes)', content: { 'application/json': {} } },
          '401': apiError,
          '403': apiError,
          '404': apiError,
          '409': apiError,
          '429': apiError,
        },
      },
    },
    '/api/openapi.json': {
      get: {
        tags: ['operations'],
        operationId: 'getOpenApi',
        summary: 'This description',
        security: [{}],
        responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': {} } } },
      },
    },
    '/healthz': {
      get: {
        tags: ['operations'],
        operationId: 'getHealth',
        summary: 'Liveness: the store answers',
        security: [{}],
        responses: { '200': { description: 'Healthy' }, '503': apiError },
      },
    },
  },
  components: {
    securitySchemes: {
      basic: { type: 'http', scheme: 'basic' },
      bearer: { type: 'http', scheme: 'bearer', description: '`Authorization: Bearer T` or `Token T`' },
    },
    parameters: {
      Collection: {
        name: 'collection',
        in: 'path',
        required: true,
        description: 'Collection id or alias',
        schema: { type: 'string' },
      },
      Object: { name: 'object', in: 'path', required: true, description: 'STIX id', schema: { type: 'string' } },
      AddedAfter: {
        name: 'added_after',
        in: 'query',
        description: 'Only objects added strictly after this RFC 3339 timestamp; malformed: 400',
        schema: { type: 'string', format: 'date-time' },
      },
      Limit: {
        name: 'limit',
        in: 'query',
        description: 'Page size, default 100; above 1000 is served at 1000; below 1 or not a number: 400',
        schema: { type: 'integer', minimum: 1, default: 100 },
      },
      Next: { name: 'next', in: 'query', description: 'Cursor from the previous page', schema: { type: 'string' } },
      MatchId: { name: 'match[id]', in: 'query', description: 'Comma-separated STIX ids', schema: { type: 'string' } },
      MatchType: {
        name: 'match[type]',
        in: 'query',
        description: 'Comma-separated STIX types',
        schema: { type: 'string' },
      },
      MatchVersion: {
        name: 'match[version]',
        in: 'query',
        description: 'Comma-separated: first, last (default), all, or version timestamps',
        schema: { type: 'string' },
      },
      MatchSpecVersion: {
        name: 'match[spec_version]',
        in: 'query',
        description: 'Comma-separated STIX spec versions',
        schema: { type: 'string' },
      },
    },
    headers: {
      DateAddedFirst: {
        description: 'date_added of the first object of the page; absent on an empty page',
        schema: { type: 'string' },
      },
      DateAddedLast: {
        description:
          'date_added of the last object of the page (the added_after of the next poll); absent on an empty page',
        schema: { type: 'string' },
      },
    },
    responses: {
      TaxiiError: {
        description: 'TAXII 2.1 error message (§3.6.1)',
        headers: { 'WWW-Authenticate': { description: 'On 401', schema: { type: 'string' } } },
        content: { [TAXII_MEDIA_TYPE]: { schema: { $ref: '#/components/schemas/TaxiiError' } } },
      },
      ApiError: {
        description: 'Error',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              properties: {
                error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
              },
            },
          },
        },
      },
    },
    schemas: {
      StixObject: {
        type: 'object',
        required: ['type', 'id'],
        properties: { type: { type: 'string' }, id: { type: 'string' }, spec_version: { type: 'string' } },
        additionalProperties: true,
      },
      Discovery: {
        type: 'object',
        required: ['title'],
        properties: {
          title: { type: 'string' },
          description: { type: 'string' },
          default: { type: 'string', format: 'uri' },
          api_roots: { type: 'array', items: { type: 'string', format: 'uri' } },
        },
      },
      ApiRoot: {
        type: 'object',
        required: ['title', 'versions', 'max_content_length'],
        properties: {
          title: { type: 'string' },
          description: { type: 'string' },
          versions: { type: 'array', items: { const: TAXII_MEDIA_TYPE } },
          max_content_length: { type: 'integer' },
        },
      },
      Collection: {
        type: 'object',
        required: ['id', 'title', 'can_read', 'can_write'],
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          description: { type: 'string' },
          alias: { type: 'string' },
          can_read: { type: 'boolean' },
          can_write: { type: 'boolean' },
          media_types: { type: 'array', items: { const: STIX_MEDIA_TYPE } },
        },
      },
      ManifestRecord: {
        type: 'object',
        required: ['id', 'date_added', 'version'],
        properties: {
          id: { type: 'string' },
          date_added: { type: 'string', format: 'date-time' },
          version: { type: 'string' },
          media_type: { const: STIX_MEDIA_TYPE },
        },
      },
      Status: {
        type: 'object',
        required: ['id', 'status', 'total_count', 'success_count', 'failure_count', 'pending_count'],
        properties: {
          id: { type: 'string' },
          status: { enum: ['pending', 'complete'] },
          request_timestamp: { type: 'string' },
          total_count: { type: 'integer' },
          success_count: { type: 'integer' },
          successes: { type: 'array', items: { type: 'object' } },
          failure_count: { type: 'integer' },
          failures: { type: 'array', items: { type: 'object' } },
          pending_count: { type: 'integer' },
          pendings: { type: 'array', items: { type: 'object' } },
        },
      },
      TaxiiError: {
        type: 'object',
        required: ['title'],
        properties: {
          title: { type: 'string' },
          description: { type: 'string' },
          error_code: { type: 'string' },
          http_status: { type: 'string' },
        },
      },
      Report: {
        type: 'object',
        required: ['id', 'tlp', 'stage'],
        properties: {
          id: { type: 'string' },
          source: { type: 'string' },
          tlp: {
            enum: [...TLP_LEVELS],
            description:
              'The level it was submitted under; a reader sees only reports of the levels they are cleared for (RED when not recorded).',
          },
          stage: {
            enum: [...REPORT_STAGES],
            description:
              '`stored`, `failed` and `duplicate` are final; `duplicate`: the same content as `duplicateOf`, whose objects stand for it (not a failure).',
          },
          error: { type: 'object' },
          duplicateOf: { type: 'string', description: 'For `duplicate`: the earlier report of the same document.' },
          published: {
            type: 'object',
            properties: { at: { type: 'string' }, by: { type: 'string' } },
            description:
              "When and by whom the report's objects were put into the collections ('auto': no review asked); absent while the review gate holds them.",
          },
          counts: { type: 'object', additionalProperties: { type: 'integer' } },
          stages: { type: 'object', additionalProperties: { type: 'string' } },
          created: { type: 'string' },
          updated: { type: 'string' },
        },
      },
    },
  },
} as const;

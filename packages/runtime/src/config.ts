import { availableParallelism } from 'node:os';
import { TLP_LEVELS } from '@stixmill/contracts';
import { z } from 'zod';

// Every setting stixmill reads, its environment variable and its default, in this one file.
// Parsed once from an injected environment into a frozen object; every problem is listed at once.

const list = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
/** `name:secret,name:secret`: the secret is everything after the first colon (no commas). */
const secrets = (what: string) =>
  list
    .pipe(z.array(z.string().regex(/^[^:\s]+:.+$/, `each entry is name:${what}`)))
    .transform((entries) =>
      entries.map((e) => ({ name: e.slice(0, e.indexOf(':')), secret: e.slice(e.indexOf(':') + 1) })),
    );

export const ENV = {
  STIXMILL_HOST: {
    schema: z.string().min(1),
    default: '127.0.0.1',
    doc: 'Address the HTTP server (API, TAXII, health) listens on.',
  },
  STIXMILL_PORT: { schema: int(0, 65535), default: '8080', doc: 'Port of the HTTP server; 0 picks a free one.' },
  STIXMILL_PUBLIC_URL: {
    schema: z.url().optional(),
    default: undefined,
    doc: 'Base URL clients use to reach the server (behind a proxy); defaults to http://HOST:PORT.',
  },
  STIXMILL_DATA_DIR: {
    schema: z.string().min(1),
    default: '.stixmill',
    doc: "Directory of the embedded database, the blob store and the fetcher's dedupe memory (seen/).",
  },
  DATABASE_URL: {
    schema: z.string().optional(),
    default: undefined,
    doc: 'PostgreSQL connection string; unset means the embedded database in STIXMILL_DATA_DIR.',
  },
  KAFKA_BROKERS: {
    schema: list,
    default: '127.0.0.1:9092',
    doc: 'Comma-separated Kafka bootstrap servers (distributed mode).',
  },
  KAFKA_CLIENT_ID: { schema: z.string().min(1), default: 'stixmill', doc: 'Kafka client id prefix.' },
  STIXMILL_KAFKA_NAMESPACE: {
    schema: z
      .string()
      .regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, dot, underscore and dash only')
      .max(100),
    default: '',
    doc: 'Prefix of every Kafka topic and consumer group (<namespace>.<name>), for several environments on one cluster. Empty: none.',
  },
  STIXMILL_LOG_LEVEL: {
    schema: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']),
    default: 'info',
    doc: 'pino log level; logs go to stderr as JSON lines.',
  },
  STIXMILL_PRODUCER_NAME: {
    schema: z.string().min(1).max(200),
    default: 'stixmill',
    doc: 'Name of the STIX identity that produces every object.',
  },
  STIXMILL_REVIEW: {
    schema: z.union([
      z.enum(['auto', 'review']),
      z.custom<`threshold:${number}`>((v) => typeof v === 'string' && /^threshold:(?:100|[1-9]?\d)$/.test(v), {
        message: 'auto, review, or threshold:N with N from 0 to 100',
      }),
    ]),
    default: 'auto',
    doc: 'The review gate: auto publishes every report to the collections at once; review keeps each report for an analyst, and nothing reaches the collections until POST /api/reports/:id/publish; threshold:N publishes findings at confidence N or above at once and keeps the rest (and the report object) for review.',
  },
  STIXMILL_DEFAULT_TLP: {
    schema: z.enum(TLP_LEVELS),
    default: 'clear',
    doc: 'TLP 2.0 marking for submissions that name none.',
  },
  STIXMILL_FETCH_TIMEOUT_MS: {
    schema: int(100, 600_000),
    default: '20000',
    doc: 'Whole-transfer timeout of one fetch.',
  },
  STIXMILL_FETCH_CONNECT_TIMEOUT_MS: { schema: int(100, 120_000), default: '5000', doc: 'TCP/TLS connect timeout.' },
  STIXMILL_FETCH_MAX_BYTES: {
    schema: int(1024, 1024 * 1024 * 1024),
    default: String(25 * 1024 * 1024),
    doc: 'Largest document body accepted (decoded bytes).',
  },
  STIXMILL_FETCH_CONCURRENCY: {
    schema: int(1, 256),
    default: '8',
    doc: 'Documents one fetcher fetches at once, so one slow source delays only itself.',
  },
  STIXMILL_FETCH_MAX_REDIRECTS: { schema: int(0, 20), default: '5', doc: 'Redirects followed before giving up.' },
  STIXMILL_FETCH_ALLOW: {
    schema: list,
    default: '',
    doc: 'host:port pairs the fetcher may reach even though they are private or loopback (a local test server). Empty: none.',
  },
  STIXMILL_WORKERS: {
    schema: int(1, 64),
    default: String(availableParallelism() + 1),
    doc: 'Worker threads that parse, and as many that extract, off the event loop that serves the API (default: cores + 1, so a small report is not queued behind large ones).',
  },
  STIXMILL_PARSE_TIMEOUT_MS: {
    schema: int(1000, 3_600_000),
    default: '60000',
    doc: 'Time one document may take to parse; past it the worker is stopped and the report fails as too costly (not retried).',
  },
  STIXMILL_PARSE_MEMORY_MB: {
    schema: int(64, 16_384),
    default: '512',
    doc: 'Heap one parse worker may use; past it the report fails as too costly (not retried).',
  },
  STIXMILL_WORKER_BYTES: {
    schema: int(64 * 1024, 1024 * 1024 * 1024),
    default: String(8 * 1024 * 1024),
    doc: 'Bytes of document the workers of one process read at once: a larger document waits for the others and is read alone, so memory stays bounded; a small one passes it.',
  },
  STIXMILL_EXTRACT_TIMEOUT_MS: {
    schema: int(1000, 3_600_000),
    default: '120000',
    doc: 'Time one document may take to extract; past it the worker is stopped and the report fails as too costly (not retried).',
  },
  STIXMILL_EXTRACT_MEMORY_MB: {
    schema: int(64, 16_384),
    default: '1024',
    doc: 'Heap one extraction worker may use; past it the report fails as too costly (not retried).',
  },
  STIXMILL_INLINE_MAX_BYTES: {
    schema: int(1024, 16 * 1024 * 1024),
    default: String(512 * 1024),
    doc: 'Bodies larger than this travel as a claim-check reference to the blob store, not inside the message.',
  },
  STIXMILL_MAX_UPLOAD_BYTES: {
    schema: int(1024, 1024 * 1024 * 1024),
    default: String(25 * 1024 * 1024),
    doc: 'The largest document POST /api/reports (and the console) takes; a larger one is refused with 413 and the limit.',
  },
  STIXMILL_FEEDS: {
    schema: list,
    default: '',
    doc: 'RSS/Atom feeds (or JSON press-release lists) the watcher polls, comma-separated URLs. Empty: none.',
  },
  STIXMILL_FEEDS_FILE: {
    schema: z.string().optional(),
    default: undefined,
    doc: 'A JSON file of feeds to watch: [{"url", "labels"?, "tlp"?, "topics"?}].',
  },
  STIXMILL_WATCH_INTERVAL_S: {
    schema: int(60, 7 * 24 * 3600),
    default: '900',
    doc: 'How often the watcher polls each feed (it backs off on errors).',
  },
  STIXMILL_WATCH_HOST_INTERVAL_MS: {
    schema: int(0, 600_000),
    default: '5000',
    doc: 'Least time between two watcher requests to one host.',
  },
  STIXMILL_URL: {
    schema: z.url(),
    default: 'http://127.0.0.1:8080',
    doc: 'Where `stixmill submit` finds a running instance.',
  },
  STIXMILL_API_TOKEN: {
    schema: z.string().optional(),
    secret: true,
    default: undefined,
    doc: 'The API key `stixmill submit` sends (Authorization: Bearer), for an instance with STIXMILL_TAXII_TOKENS set.',
  },
  STIXMILL_TAXII_USERS: {
    schema: secrets('password'),
    secret: true,
    default: '',
    doc: 'HTTP Basic users of the API and TAXII, as name:password,name:password. With no users and no tokens the server is open to anyone who can reach it.',
  },
  STIXMILL_TAXII_TOKENS: {
    schema: secrets('token'),
    secret: true,
    default: '',
    doc: 'API keys, as name:token,name:token; clients send Authorization: Bearer TOKEN.',
  },
  STIXMILL_TAXII_WRITERS: {
    schema: list,
    default: '',
    doc: 'Names of users and tokens that may submit reports and write to writable collections without a rule of their own. Empty: nobody.',
  },
  STIXMILL_TAXII_REVIEWERS: {
    schema: list,
    default: '',
    doc: 'Names of users and tokens that may review reports and publish them (the review gate). Empty: the writers may.',
  },
  STIXMILL_TAXII_PLAIN_CLIENTS: {
    schema: list,
    default: '',
    doc: 'Names of users and tokens that get objects without stixmill\'s evidence property (x_stixmill_evidence), standard STIX only; the evidence stays in each object\'s description and external reference. A collection can be served so to everyone with "evidence": false in STIXMILL_TAXII_COLLECTIONS.',
  },
  STIXMILL_TAXII_ANONYMOUS_READ: {
    schema: bool,
    default: 'false',
    doc: 'With users or tokens set: let requests without credentials read the TLP:CLEAR collection and collections whose read list names "anonymous".',
  },
  STIXMILL_TAXII_COLLECTIONS: {
    schema: z.string(),
    default: '',
    doc: 'Collections to add, and read/write lists for any collection: a JSON list, or the path of a file holding one ([{"id","alias","title","read":["*"],"write":["alice"],"evidence":false}]; evidence false serves the collection without stixmill\'s evidence property).',
  },
  STIXMILL_RATE_LIMIT_PER_SECOND: {
    schema: int(0, 1_000_000),
    default: '50',
    doc: 'Requests a second each client (user, token, else address) may make to the API and TAXII; 0 turns limiting off.',
  },
  STIXMILL_RATE_LIMIT_BURST: {
    schema: int(1, 1_000_000),
    default: '200',
    doc: 'Requests a client may make at once before the per-second rate applies.',
  },
  STIXMILL_LOGIN_FREE_FAILURES: {
    schema: int(1, 1000),
    default: '5',
    doc: 'Failed logins an address may make before it is locked out (a user name, from any address: twice as many); each further failure doubles the lock, from 1 s.',
  },
  STIXMILL_LOGIN_MAX_LOCK_SECONDS: {
    schema: int(1, 86_400),
    default: '900',
    doc: 'The longest lock-out after failed logins.',
  },
} as const;

type EnvKey = keyof typeof ENV;

/** Never echo these values: an error message may end up in a shared log. */
const isSecret = (spec: object): boolean => 'secret' in spec && spec.secret === true;
export type Config = Readonly<{ [K in EnvKey]: z.output<(typeof ENV)[K]['schema']> }>;

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, spec] of Object.entries(ENV) as [EnvKey, (typeof ENV)[EnvKey]][]) {
    const raw = env[key] === undefined || env[key] === '' ? spec.default : env[key];
    const result = (spec.schema as z.ZodType).safeParse(raw);
    if (result.success) out[key] = result.data;
    else {
      const shown = isSecret(spec) ? '(value hidden)' : JSON.stringify(raw);
      problems.push(`${key}=${shown}: ${result.error.issues.map((i) => i.message).join('; ')}`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return Object.freeze(out) as Config;
}

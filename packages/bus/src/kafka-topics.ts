import { DEAD_LETTER_TOPICS, type DeadLetterTopic, type Log, TOPICS, type Topic } from '@stixmill/contracts';
import type { Admin } from 'kafkajs';

// Every Kafka topic the bus uses, with its partitions, retention and size limit, derived from the
// closed topic list in contracts. The broker never auto-creates topics: ensureTopics creates what
// is missing from these definitions, so partition counts and limits are the same everywhere.

export interface TopicSettings {
  /** The most consumers of one group that can share the topic. */
  partitions: number;
  retentionMs: number;
  /** The largest message the topic accepts (Kafka's max.message.bytes, the record batch after compression). */
  maxMessageBytes: number;
}

export interface TopicDefinition {
  topic: string;
  numPartitions: number;
  replicationFactor: number;
  configEntries: { name: string; value: string }[];
}

export interface TopicDefinitionOptions {
  /** Prefix of every topic name (`<namespace>.<topic>`), so several environments share one cluster. */
  namespace?: string;
  /** Copies of each partition; -1 (the default) takes the broker's default.replication.factor. */
  replicationFactor?: number;
  /** Partitions of every topic, overriding the table below (tests; a small cluster). */
  partitions?: number;
}

const MiB = 1024 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;

// Documents travel inline (base64) up to the claim-check threshold, hence a few MiB on the
// document topics; findings and bundles for one report are smaller but can be long.
export const TOPIC_SETTINGS = {
  'reports.submitted': { partitions: 6, retentionMs: 7 * DAY_MS, maxMessageBytes: 8 * MiB },
  'documents.fetched': { partitions: 6, retentionMs: 7 * DAY_MS, maxMessageBytes: 8 * MiB },
  'documents.parsed': { partitions: 6, retentionMs: 7 * DAY_MS, maxMessageBytes: 8 * MiB },
  'findings.extracted': { partitions: 6, retentionMs: 7 * DAY_MS, maxMessageBytes: 4 * MiB },
  'stix.bundles': { partitions: 6, retentionMs: 7 * DAY_MS, maxMessageBytes: 8 * MiB },
  // A few small status messages (a duplicate report), read by one tracker: few partitions suffice.
  'reports.status': { partitions: 3, retentionMs: 7 * DAY_MS, maxMessageBytes: 1 * MiB },
} as const satisfies Record<Topic, TopicSettings>;

// A dead letter carries the failed message as a JSON string (escaping can double it) plus the
// reason: the limit is twice the largest source topic's, so any message that was accepted can
// also be dead-lettered. Kept a month, for replay after a fix.
export const DEAD_LETTER_SETTINGS: TopicSettings = {
  partitions: 1,
  retentionMs: 30 * DAY_MS,
  maxMessageBytes: 2 * Math.max(...Object.values(TOPIC_SETTINGS).map((s) => s.maxMessageBytes)) + MiB,
};

/** The name on the broker of a topic or dead-letter topic named in contracts. */
export function physicalTopic(name: Topic | DeadLetterTopic, namespace?: string): string {
  return namespace ? `${namespace}.${name}` : name;
}

function definition(topic: string, settings: TopicSettings, options: TopicDefinitionOptions): TopicDefinition {
  return {
    topic,
    numPartitions: options.partitions ?? settings.partitions,
    replicationFactor: options.replicationFactor ?? -1,
    configEntries: [
      { name: 'retention.ms', value: String(settings.retentionMs) },
      { name: 'max.message.bytes', value: String(settings.maxMessageBytes) },
    ],
  };
}

/** Every topic and dead-letter topic, in contracts order. */
export function topicDefinitions(options: TopicDefinitionOptions = {}): TopicDefinition[] {
  return [
    ...TOPICS.map((t) => definition(physicalTopic(t, options.namespace), TOPIC_SETTINGS[t], options)),
    ...DEAD_LETTER_TOPICS.map((t) => definition(physicalTopic(t, options.namespace), DEAD_LETTER_SETTINGS, options)),
  ];
}

/**
 * Creates the topics that do not exist yet and leaves existing ones as they are (an operator may
 * have tuned them). Safe to run from every service at start, even at the same time: a topic
 * another process created in between counts as done. Returns the names it created.
 */
export async function ensureTopics(
  admin: Admin,
  definitions: readonly TopicDefinition[],
  log?: Log,
): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = definitions.filter((d) => !existing.has(d.topic));
  if (missing.length === 0) return [];
  const created = missing.map((d) => d.topic);
  try {
    // kafkajs's own waitForLeaders gives up on UNKNOWN_TOPIC_OR_PARTITION, which a KRaft broker
    // answers for a moment after creating a topic: wait with waitForLeaders below instead.
    await admin.createTopics({ topics: missing, waitForLeaders: false });
  } catch (error) {
    // Lost a race with another process for some of them: fine if all exist now.
    const now = new Set(await admin.listTopics());
    if (!created.every((t) => now.has(t))) throw error;
  }
  await waitForLeaders(admin, created);
  log?.info({ topics: created }, 'kafka topics created');
  return created;
}

const LEADER_WAIT_MS = 30_000;
const LEADER_POLL_MS = 100;

/** Until every partition of the topics has a leader, i.e. accepts produce and fetch. */
async function waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + LEADER_WAIT_MS;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics });
      const led = found.filter((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
      if (led.length === topics.length) return;
    } catch (error) {
      lastError = error; // the topic is not in the broker's metadata yet
    }
    await new Promise((resolve) => setTimeout(resolve, LEADER_POLL_MS));
  }
  throw new Error(`kafka topics have no leader after ${LEADER_WAIT_MS} ms: ${topics.join(', ')}`, { cause: lastError });
}

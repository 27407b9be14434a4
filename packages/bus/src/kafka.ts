import {
  type DeadLetter,
  deadLetterTopic,
  encode,
  encodeDeadLetter,
  type Log,
  StageError,
  type Topic,
} from '@stixmill/contracts';
import { type Admin, Kafka, Partitioners, type Producer } from 'kafkajs';
import { type Bus, DEFAULT_RETRY, type Subscription } from './bus.ts';
import { deliver, deliverDeadLetter } from './delivery.ts';
import { type GroupMember, joinGroup } from './kafka-consumer.ts';
import { KAFKAJS_LOG_LEVEL, kafkaLogCreator } from './kafka-log.ts';
import { type ReplayRequest, type ReplayResult, replayTopic } from './kafka-replay.ts';
import { ensureTopics, physicalTopic, type TopicDefinitionOptions, topicDefinitions } from './kafka-topics.ts';
import type { MessageMetrics } from './stage-runner.ts';

// The distributed mode's bus, on Apache Kafka through kafkajs. Same contract as the memory bus:
// messages keyed by report id, validated on both ends, retried or dead-lettered by `deliver`,
// committed only once done.

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  log?: Log;
  /**
   * Prefix of every topic and consumer group name on the broker (`<namespace>.<name>`), for
   * environments (or tests) sharing a cluster. Groups too: a group id is cluster-wide, and two
   * environments in one group would take each other's partitions.
   */
  namespace?: string;
  /** Create missing topics before first use (default true); turn off where an operator manages topics. */
  createTopics?: boolean;
  /** Replication factor and partition count of the topics this bus creates. */
  topics?: Omit<TopicDefinitionOptions, 'namespace'>;
  /** Counts messages received, dead-lettered and the consumer lag (runStage counts the rest). */
  metrics?: Pick<MessageMetrics, 'received' | 'deadLettered' | 'lag'>;
}

export interface KafkaBus extends Bus {
  /** Create every topic and dead-letter topic that is missing; returns the names created. Idempotent. */
  ensureTopics(): Promise<string[]>;
  /** True when every subscription's consumer holds its place in its group (for /readyz). */
  ready(): boolean;
  /** The consumer groups (group@topic) that do not hold their place now: what /readyz waits for. */
  waiting(): string[];
  /**
   * Publish a topic's retained messages again (from `since`), unchanged, up to its end when the
   * replay started; from a dead-letter topic, each original message to its own topic.
   */
  replay(request: ReplayRequest): Promise<ReplayResult>;
}

/**
 * The Kafka consumer group id of a bus group reading one topic: `[<namespace>.]<group>.<topic>`.
 * One Kafka group per topic because kafkajs's assigners assume every member of a group reads the
 * same topics: the leader hands out only the topics it reads itself, to every member, and a member
 * drops what it did not subscribe to. A bus group reading several topics (the report tracker reads
 * them all) would silently leave partitions unread.
 */
export function consumerGroupId(group: string, topic: string, namespace?: string): string {
  return namespace ? `${namespace}.${group}.${topic}` : `${group}.${topic}`;
}

/** A memo of an async step that is tried again on the next call if it failed. */
function retryableOnce<T>(step: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= step().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

// Broker answers that the same message will get again however often it is sent.
const REFUSED = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD', 'CORRUPT_MESSAGE']);

/** The broker's refusal of this message as a StageError that is not retried, or undefined for an outage. */
function refusedByBroker(error: unknown, topic: string, value: string): StageError | undefined {
  for (
    let e: unknown = error;
    e;
    e = (e as { cause?: unknown; originalError?: unknown }).cause ?? (e as { originalError?: unknown }).originalError
  ) {
    const type = (e as { type?: unknown }).type;
    if (typeof type !== 'string' || !REFUSED.has(type)) continue;
    const size = Buffer.byteLength(value);
    return new StageError(
      type.includes('TOO_LARGE') ? 'too_large' : 'invalid_message',
      `the broker refused a ${size}-byte message on ${topic}: ${type}`,
      { cause: error, retryable: false, details: { topic, size, type } },
    );
  }
  return undefined;
}

export function createKafkaBus(options: KafkaBusOptions): KafkaBus {
  const { log, namespace } = options;
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: KAFKAJS_LOG_LEVEL,
    logCreator: kafkaLogCreator(log),
  });
  const definitions = topicDefinitions({ ...options.topics, ...(namespace ? { namespace } : {}) });
  // The Java client's partitioner (murmur2 of the key), so other clients place a report's messages alike.
  const producer: Producer = kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  let admin: Admin | undefined;
  const subscriptions = new Set<Subscription>();
  /** Each consumer, by the group@topic it is a member of. */
  const members = new Map<GroupMember, string>();
  const { metrics } = options;
  let closed = false;
  let closing: Promise<void> | undefined;

  const name = (topic: Topic, dlq = false) => physicalTopic(dlq ? deadLetterTopic(topic) : topic, namespace);

  const createMissingTopics = async () => {
    admin ??= kafka.admin();
    await admin.connect();
    return ensureTopics(admin, definitions, log);
  };
  const topicsReady = retryableOnce(async () => {
    if (options.createTopics !== false) await createMissingTopics();
  });
  const producerReady = retryableOnce(() => producer.connect());

  const assertOpen = () => {
    if (closed) throw new Error('bus is closed');
  };

  // Not guarded by `closed`: a message draining during close() may still dead-letter.
  const send = async (topic: string, key: string | null, value: string) => {
    await topicsReady();
    await producerReady();
    try {
      await producer.send({ topic, acks: -1, messages: [{ key, value }] });
    } catch (error) {
      throw refusedByBroker(error, topic, value) ?? error;
    }
  };

  const track = (member: GroupMember, label: string): Subscription => {
    const tracked: Subscription = {
      async stop() {
        await member.stop();
        subscriptions.delete(tracked);
        members.delete(member);
      },
    };
    subscriptions.add(tracked);
    members.set(member, label);
    return tracked;
  };

  return {
    ensureTopics: createMissingTopics,

    ready: () => !closed && [...members.keys()].every((m) => m.joined()),

    waiting: () => [...members].filter(([m]) => !m.joined()).map(([, label]) => label),

    async replay(request) {
      assertOpen();
      await topicsReady();
      return replayTopic(
        {
          kafka,
          physical: (topic) => physicalTopic(topic, namespace),
          groupId: (group) => (namespace ? `${namespace}.${group}` : group),
          // Unchanged and unvalidated: what was on the topic goes back; consumers validate it again.
          send: (topic, key, value) => send(name(topic), key, value),
          ...(log ? { log } : {}),
        },
        request,
      );
    },

    async publish(topic, envelope) {
      assertOpen();
      // Validates before anything reaches the broker.
      await send(name(topic), envelope.reportId, encode(topic, envelope));
    },

    async subscribe(topic, subscribeOptions, handler) {
      assertOpen();
      await topicsReady();
      const { group, stage } = subscribeOptions;
      const retry = { ...DEFAULT_RETRY, ...subscribeOptions.retry };
      const dlq = name(topic, true);
      const deadLetter = async (letter: DeadLetter) => {
        await send(dlq, letter.original.key, encodeDeadLetter(letter));
        metrics?.deadLettered(topic, letter.error.code);
      };
      const groupId = consumerGroupId(group, topic, namespace);
      const member = await joinGroup(kafka, {
        topic: name(topic),
        group: groupId,
        ...(log ? { log } : {}),
        ...(metrics ? { onLag: (partition: number, lag: number) => metrics.lag(topic, partition, lag) } : {}),
        ...(subscribeOptions.concurrency ? { concurrency: subscribeOptions.concurrency } : {}),
        process: (raw, signal) => {
          metrics?.received(topic);
          const invalid = subscribeOptions.invalid ?? 'dead-letter';
          return deliver(topic, raw, { group, stage, retry, signal, invalid }, handler, deadLetter, log);
        },
      });
      return track(member, `${groupId}@${name(topic)}`);
    },

    async subscribeDeadLetters(topic, group, handler) {
      assertOpen();
      await topicsReady();
      const dlq = name(topic, true);
      const groupId = consumerGroupId(group, deadLetterTopic(topic), namespace);
      const member = await joinGroup(kafka, {
        topic: dlq,
        group: groupId,
        ...(log ? { log } : {}),
        process: (raw) => deliverDeadLetter(dlq, raw, handler, log),
      });
      return track(member, `${groupId}@${dlq}`);
    },

    close() {
      closed = true;
      closing ??= (async () => {
        // Subscribers first: a draining message may still need the producer for its dead letter.
        await Promise.all([...subscriptions].map((s) => s.stop()));
        await producer.disconnect();
        await admin?.disconnect();
      })();
      return closing;
    },
  };
}

import { randomBytes } from 'node:crypto';
import {
  type DeadLetter,
  type DeadLetterTopic,
  decodeDeadLetter,
  isTopic,
  type Log,
  type Topic,
} from '@stixmill/contracts';
import type { Kafka } from 'kafkajs';

// Replay: read a topic from a point in time up to its end as it was when the replay started, and
// publish each message again, unchanged, so the services downstream process it again (after an
// extractor was improved, or a bug behind a dead-letter topic was fixed). Safe because processing
// is idempotent: ids are deterministic and objects carry the report's submission time, so a
// replayed report yields the same objects, not new versions.

export interface ReplayRequest {
  /** A topic, or a dead-letter topic: then each letter's original message goes back to its topic. */
  from: Topic | DeadLetterTopic;
  /** Only messages appended at or after this time (Kafka's offsets by timestamp); default: all retained. */
  since?: Date;
}

export interface ReplayResult {
  /** Messages published again, by the topic they went to. */
  republished: Partial<Record<Topic, number>>;
  /** Dead letters that could not be read (skipped). */
  skipped: number;
}

export interface ReplayDeps {
  kafka: Kafka;
  /** Name on the broker of a topic or dead-letter topic. */
  physical: (name: Topic | DeadLetterTopic) => string;
  groupId: (name: string) => string;
  send: (topic: Topic, key: string | null, value: string) => Promise<void>;
  log?: Log;
}

export function sourceTopicOf(name: string): { topic: Topic; dlq: boolean } {
  if (isTopic(name)) return { topic: name, dlq: false };
  const base = name.endsWith('.dlq') ? name.slice(0, -'.dlq'.length) : '';
  if (isTopic(base)) return { topic: base, dlq: true };
  throw new Error(`unknown topic "${name}"`);
}

/** The partitions to read: from the offset at `since` (or the oldest) to the end offset now. */
async function ranges(kafka: Kafka, topic: string, since?: Date): Promise<Map<number, { from: bigint; to: bigint }>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const starts = since ? await admin.fetchTopicOffsetsByTimestamp(topic, since.getTime()) : ends;
    const out = new Map<number, { from: bigint; to: bigint }>();
    for (const end of ends) {
      const start = starts.find((s) => s.partition === end.partition);
      // By timestamp, a partition with nothing newer answers its end offset: nothing to replay there.
      const from = BigInt(since ? (start?.offset ?? end.high) : end.low);
      const to = BigInt(end.high);
      if (from < to) out.set(end.partition, { from, to });
    }
    return out;
  } finally {
    await admin.disconnect();
  }
}

export async function replayTopic(deps: ReplayDeps, request: ReplayRequest): Promise<ReplayResult> {
  const { kafka, log } = deps;
  const { topic: target, dlq } = sourceTopicOf(request.from);
  const physical = deps.physical(request.from);
  const todo = await ranges(kafka, physical, request.since);
  const result: ReplayResult = { republished: {}, skipped: 0 };
  if (todo.size === 0) return result;

  // A throw-away group that never commits: a replay leaves no trace in the broker's offsets.
  const groupId = deps.groupId(`stixmill.replay.${randomBytes(4).toString('hex')}`);
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
  const count = (topic: Topic) => {
    result.republished[topic] = (result.republished[topic] ?? 0) + 1;
  };
  try {
    let done: () => void = () => {};
    let failed: (error: unknown) => void = () => {};
    const finished = new Promise<void>((resolve, reject) => {
      done = resolve;
      failed = reject;
    });
    consumer.on(consumer.events.CRASH, (event) => {
      if (!event.payload.restart) failed(event.payload.error);
    });
    const remaining = new Set(todo.keys());
    await consumer.connect();
    await consumer.subscribe({ topics: [physical], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const range = todo.get(partition);
        const offset = BigInt(message.offset);
        // Outside the range: fetched before the seek below took effect, or appended after the start.
        if (!range || !remaining.has(partition) || offset < range.from || offset >= range.to) return;
        const value = message.value?.toString('utf8') ?? '';
        if (dlq) {
          const letter = readLetter(value);
          if (letter) {
            await deps.send(letter.topic, letter.original.key, letter.original.value);
            count(letter.topic);
          } else {
            result.skipped += 1;
            log?.warn({ topic: physical, offset: message.offset }, 'unreadable dead letter skipped');
          }
        } else {
          await deps.send(target, message.key?.toString('utf8') ?? null, value);
          count(target);
        }
        if (offset + 1n >= range.to) {
          remaining.delete(partition);
          if (remaining.size === 0) done();
        }
      },
    });
    // kafkajs accepts a seek only once the consumer runs.
    for (const [partition, range] of todo) consumer.seek({ topic: physical, partition, offset: String(range.from) });
    await finished;
  } finally {
    await consumer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([groupId]).catch(() => {});
    await admin.disconnect();
  }
  log?.info({ from: physical, ...result }, 'replay done');
  return result;
}

function readLetter(value: string): DeadLetter | undefined {
  try {
    return decodeDeadLetter(value);
  } catch {
    return undefined;
  }
}

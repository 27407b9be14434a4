import type { Log } from '@stixmill/contracts';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { Subscription } from './bus.ts';
import { type Delivery, DeliveryAborted } from './delivery.ts';
import { createSlots } from './slots.ts';

// One member of a Kafka consumer group, with the bus's delivery rules: up to `concurrency`
// messages are processed at once across the member's partitions, but one key's (one report's)
// messages one at a time and in order; an offset is committed only once its message and every
// message before it in the partition are done (at-least-once); a message whose processing was
// aborted by stop() is not committed, so the next owner of the partition gets it again.

/** Does the work for one message; resolves when it may be committed. */
export type Process = (raw: Delivery, signal: AbortSignal) => Promise<void>;

export interface GroupMemberOptions {
  /** The topic's name on the broker. */
  topic: string;
  group: string;
  process: Process;
  log?: Log;
  /** Heartbeat this often (kafkajs beats between fetches, and fetches go on while handlers run). */
  heartbeatMs?: number;
  /** Called after each batch with the messages left behind it in that partition (consumer lag). */
  onLag?: (partition: number, messages: number) => void;
  /** Messages in hand at once, across partitions (default 1). */
  concurrency?: number;
}

/** A group member: a subscription that also tells whether it currently holds a place in its group. */
export interface GroupMember extends Subscription {
  /** True from joining the group until a crash, a lost connection or stop(); true again on rejoin. */
  joined(): boolean;
}

const DEFAULT_HEARTBEAT_MS = 3000;
// kafkajs's default is 30 s: a member killed with SIGKILL holds its partitions that long before
// the group notices. 10 s gives its messages to a replica (or its restart) sooner; the broker's
// floor is group.min.session.timeout.ms (6 s by default).
const SESSION_TIMEOUT_MS = 10_000;

/** Pause before fetching a partition again after a delivery failed outright (e.g. the DLQ write). */
const REDELIVERY_DELAY_MS = 1000;
/** How long a batch with nothing new to start waits before kafkajs fetches the partition again. */
const NOTHING_NEW_WAIT_MS = 200;
/** How far past a message still in hand a partition is read. */
const MAX_AHEAD = 1000;

/** A partition as this member reads it. Offsets are kafkajs's decimal strings. */
interface Reading {
  topic: string;
  partition: number;
  /** Offsets being processed, with their keys. */
  inFlight: Map<string, string | null>;
  /** Offsets done but not committed: a message before them is still in hand. */
  done: Set<string>;
  /** Offsets fetched and not yet committed, in order. */
  seen: string[];
  /** The last offset handed to commit: a fetch that repeats it or any before it is skipped. */
  committedTo: bigint;
  pausedUntil: number;
  commits: Promise<void>;
  resolveOffset: EachBatchPayload['resolveOffset'];
  commitOffsetsIfNecessary: EachBatchPayload['commitOffsetsIfNecessary'];
}

function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}

/**
 * Joins the group and starts consuming; resolves once this member has joined (so a test, or a
 * second replica, knows the partitions are shared from here on). A new group starts at the oldest
 * retained message, so nothing published before the first deployment of a service is missed.
 */
export async function joinGroup(kafka: Kafka, options: GroupMemberOptions): Promise<GroupMember> {
  const { topic, group, process, log } = options;
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const consumer: Consumer = kafka.consumer({
    groupId: group,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 1000,
    sessionTimeout: SESSION_TIMEOUT_MS,
    // Batches return at once (handlers run beside the fetch loop), so kafkajs's own beat keeps up.
    heartbeatInterval: heartbeatMs,
  });
  const controller = new AbortController();
  let member = false;

  consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
    options.onLag?.(payload.partition, Math.max(0, Number(payload.offsetLag)));
  });
  // After a broker restart kafkajs reconnects and rejoins by itself (GROUP_JOIN again); until
  // then the member does no work, and readiness says so.
  consumer.on(consumer.events.DISCONNECT, () => {
    member = false;
  });
  consumer.on(consumer.events.STOP, () => {
    member = false;
  });
  // A heartbeat the coordinator accepted means a place in the group, whatever event order a
  // reconnect took: readiness comes back within a beat of the rejoin.
  consumer.on(consumer.events.HEARTBEAT, () => {
    if (!controller.signal.aborted) member = true;
  });
  const joined = new Promise<void>((resolve, reject) => {
    consumer.on(consumer.events.GROUP_JOIN, () => {
      member = true;
      resolve();
    });
    consumer.on(consumer.events.CRASH, (event) => {
      member = false;
      const { error, restart } = event.payload;
      // A retriable failure (e.g. the group coordinator still loading on a fresh broker): kafkajs
      // restarts the consumer by itself and the join comes later.
      if (restart) {
        log?.warn({ topic, group, err: error.message }, 'kafka consumer crashed; kafkajs restarts it');
        return;
      }
      log?.error({ topic, group, err: error.message }, 'kafka consumer crashed');
      reject(error);
    });
  });
  joined.catch(() => {}); // awaited below; a crash before that point must not count as unhandled

  const concurrency = options.concurrency ?? 1;
  const slots = createSlots(concurrency);
  /** Handlers running now, across partitions: stop() lets them finish and commit. */
  const running = new Set<Promise<void>>();
  let readings = new Map<number, Reading>();
  // A rebalance may hand a partition to another member: what this one knew of it is void.
  consumer.on(consumer.events.GROUP_JOIN, () => {
    readings = new Map();
  });

  /** Resolves on the next freed slot (a message done anywhere), after `ms`, or on stop. */
  const change = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      wake.add(done);
      controller.signal.addEventListener('abort', done, { once: true });
    });
  const wake = new Set<() => void>();
  slots.onRelease(() => {
    for (const done of [...wake]) done();
    wake.clear();
  });

  const start = (reading: Reading, offset: string, raw: Delivery) => {
    const work: Promise<void> = process(raw, controller.signal)
      .then(
        () => {
          reading.done.add(offset);
          commitDone(reading);
        },
        (error: unknown) => {
          // Stopped mid-message: left uncommitted for the partition's next owner.
          if (error instanceof DeliveryAborted) return;
          // Not committed either: fetched and tried again after a pause (at-least-once).
          log?.error(
            { topic, group, partition: reading.partition, offset, err: String(error) },
            'delivery failed; will redeliver',
          );
          reading.pausedUntil = Date.now() + REDELIVERY_DELAY_MS;
        },
      )
      .finally(() => {
        reading.inFlight.delete(offset);
        running.delete(work);
        slots.release();
      });
    running.add(work);
  };

  /** Commits the partition up to its first message not done, in order, one commit at a time. */
  const commitDone = (reading: Reading) => {
    let last: string | undefined;
    while (reading.seen.length && reading.done.delete(reading.seen[0] as string)) last = reading.seen.shift();
    if (last === undefined) return;
    const offset = last;
    reading.committedTo = BigInt(offset);
    reading.commits = reading.commits
      .then(async () => {
        reading.resolveOffset(offset);
        // With explicit offsets this commits now, even while stop() is draining (consumer.commitOffsets would not).
        await reading.commitOffsetsIfNecessary({
          topics: [
            { topic: reading.topic, partitions: [{ partition: reading.partition, offset: nextOffset(offset) }] },
          ],
        });
      })
      .catch((error: unknown) => {
        // A rebalance took the partition: its next owner starts from the last commit (at-least-once).
        log?.warn({ topic, group, partition: reading.partition, err: String(error) }, 'offset commit failed');
      });
  };

  // kafkajs fetches a partition again from its last resolved offset, so a batch repeats the
  // messages still in hand: they are skipped. Returning at once lets the next messages in.
  const eachBatch = async ({
    batch,
    resolveOffset,
    commitOffsetsIfNecessary,
    heartbeat,
    isRunning,
    isStale,
  }: EachBatchPayload) => {
    let reading = readings.get(batch.partition);
    if (!reading) {
      reading = {
        topic: batch.topic,
        partition: batch.partition,
        inFlight: new Map(),
        done: new Set(),
        seen: [],
        committedTo: -1n,
        pausedUntil: 0,
        commits: Promise.resolve(),
        resolveOffset,
        commitOffsetsIfNecessary,
      };
      readings.set(batch.partition, reading);
    }
    Object.assign(reading, { resolveOffset, commitOffsetsIfNecessary });
    let started = 0;
    if (Date.now() >= reading.pausedUntil) {
      const keys = new Set(reading.inFlight.values());
      for (const message of batch.messages) {
        if (!isRunning() || isStale() || controller.signal.aborted) break;
        const offset = message.offset;
        if (BigInt(offset) <= reading.committedTo) continue;
        const seenLast = reading.seen.at(-1);
        if (seenLast === undefined || BigInt(offset) > BigInt(seenLast)) {
          if (reading.seen.length >= MAX_AHEAD) break; // far ahead of a message still in hand: wait for it
          reading.seen.push(offset);
        }
        if (reading.done.has(offset) || reading.inFlight.has(offset)) continue;
        const key = message.key?.toString('utf8') ?? null;
        // One report's messages go one at a time, in order: later ones wait for this key.
        if (keys.has(key)) continue;
        if (!slots.tryTake()) break;
        keys.add(key);
        reading.inFlight.set(offset, key);
        started++;
        start(reading, offset, { key, value: message.value?.toString('utf8') ?? '' });
      }
    }
    if (started === 0 && !controller.signal.aborted) {
      // Nothing new to start: wait for something to finish rather than fetch the same messages again.
      // kafkajs heartbeats only between batches, so beat while waiting.
      await heartbeat().catch(() => {});
      // Not long: a new message may be behind the ones in hand, and only a fetch sees it.
      const pause = reading.pausedUntil - Date.now();
      await change(pause > 0 ? pause : NOTHING_NEW_WAIT_MS);
    }
  };

  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    // Each partition's batch runs on its own so that a slow message holds up only its partition's
    // commits; the slots bound the messages in hand across them.
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: concurrency,
      eachBatch,
    });
    await joined;
  } catch (error) {
    await consumer.disconnect().catch(() => {});
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    joined: () => member && !controller.signal.aborted,
    stop() {
      // Abort first: a message waiting to be retried is given back at once; a handler already
      // running finishes and is committed. disconnect() waits for it, then leaves the group.
      stopping ??= (async () => {
        controller.abort();
        await Promise.allSettled([...running]);
        await Promise.allSettled([...readings.values()].map((r) => r.commits));
        await consumer.disconnect();
        log?.info({ topic, group }, 'left kafka consumer group');
      })();
      return stopping;
    },
  };
}

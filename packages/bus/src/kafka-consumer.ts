import type { Log } from '@stixmill/contracts';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { Subscription } from './bus.ts';
import { type Delivery, DeliveryAborted } from './delivery.ts';

// One member of a Kafka consumer group, with the bus's delivery rules: messages of a partition
// are processed one at a time, in order; an offset is committed only after its message is done
// (at-least-once); a message whose processing was aborted by stop() is not committed, so the next
// owner of the partition gets it again.

/** Does the work for one message; resolves when it may be committed. */
export type Process = (raw: Delivery, signal: AbortSignal) => Promise<void>;

export interface GroupMemberOptions {
  /** The topic's name on the broker. */
  topic: string;
  group: string;
  process: Process;
  log?: Log;
  /** Heartbeat this often while a message is being processed, so a slow handler keeps its partitions. */
  heartbeatMs?: number;
  /** Called after each batch with the messages left behind it in that partition (consumer lag). */
  onLag?: (partition: number, messages: number) => void;
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

  const eachBatch = async ({
    batch,
    resolveOffset,
    commitOffsetsIfNecessary,
    heartbeat,
    isRunning,
    isStale,
  }: EachBatchPayload) => {
    for (const message of batch.messages) {
      if (!isRunning() || isStale() || controller.signal.aborted) return;
      const raw: Delivery = {
        key: message.key?.toString('utf8') ?? null,
        value: message.value?.toString('utf8') ?? '',
      };
      // kafkajs heartbeats only between messages; a handler that retries with backoff may take
      // longer than the session timeout. A failed beat means a rebalance: the commit below then
      // fails and kafkajs rejoins, and the message comes again (at-least-once).
      const beat = setInterval(() => heartbeat().catch(() => {}), heartbeatMs);
      try {
        await process(raw, controller.signal);
      } catch (error) {
        // Stopped mid-message: leave it uncommitted for the partition's next owner.
        if (error instanceof DeliveryAborted) return;
        throw error; // kafkajs logs it and fetches the batch again from this message
      } finally {
        clearInterval(beat);
      }
      resolveOffset(message.offset);
      // With explicit offsets this commits now, even while stop() is draining (consumer.commitOffsets would not).
      await commitOffsetsIfNecessary({
        topics: [
          { topic: batch.topic, partitions: [{ partition: batch.partition, offset: nextOffset(message.offset) }] },
        ],
      });
      await heartbeat();
    }
  };

  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch });
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
        await consumer.disconnect();
        log?.info({ topic, group }, 'left kafka consumer group');
      })();
      return stopping;
    },
  };
}

import { type DeadLetter, deadLetterTopic, encode, encodeDeadLetter, type Log, type Topic } from '@stixmill/contracts';
import { type Bus, DEFAULT_RETRY, type SubscribeOptions, type Subscription } from './bus.ts';
import { type Delivery, DeliveryAborted, deliver, deliverDeadLetter } from './delivery.ts';

// The embedded mode's bus: Kafka's semantics in one process. Each topic is a set of partitions
// (a message's partition follows its key, so one report's messages keep their order); each
// consumer group has its own committed offsets and shares the partitions among its members;
// an offset is committed only after the handler is done, so a member that stops mid-message
// leaves it to the next member of its group. Messages are stored encoded, so both ends
// validate exactly as they do over Kafka.

export interface MemoryBusOptions {
  partitions?: number;
  /** Messages kept on a topic that no group reads yet (the rest are dropped, oldest first). */
  maxUnreadMessages?: number;
  log?: Log;
}

interface Entry extends Delivery {
  offset: number;
}

interface Partition {
  entries: Entry[];
  /** Offset of entries[0]. */
  base: number;
  next: number;
}

/** Pause before redelivering a message whose delivery failed outright (e.g. the DLQ write). */
const REDELIVERY_DELAY_MS = 1000;

type Process = (raw: Delivery, signal: AbortSignal) => Promise<void>;

interface Member {
  process: Process;
  controller: AbortController;
  inFlight: Set<Promise<void>>;
}

interface Group {
  topic: string;
  members: Member[];
  committed: number[];
  owners: (Member | undefined)[];
  running: boolean[];
}

export function partitionOf(key: string | null, partitions: number): number {
  if (key === null) return 0;
  // FNV-1a: stable across runs, so a key always lands on the same partition.
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}

export interface MemoryBus extends Bus {
  /** Append bytes as they are, unvalidated: what a buggy or hostile producer could send. */
  publishRaw(topic: Topic, key: string | null, value: string): Promise<void>;
}

export function createMemoryBus(options: MemoryBusOptions = {}): MemoryBus {
  const partitionCount = options.partitions ?? 4;
  const maxUnread = options.maxUnreadMessages ?? 10_000;
  const log = options.log;
  const topics = new Map<string, Partition[]>();
  const groups = new Map<string, Group>();
  const subscriptions = new Set<Subscription>();
  let closed = false;

  const partitionsOf = (topic: string): Partition[] => {
    let found = topics.get(topic);
    if (!found) {
      found = Array.from({ length: partitionCount }, () => ({ entries: [], base: 0, next: 0 }));
      topics.set(topic, found);
    }
    return found;
  };

  const groupsOf = (topic: string) => [...groups.values()].filter((g) => g.topic === topic);

  // Drop what every group has committed; with no group yet, keep a bounded backlog.
  const trim = (topic: string, index: number) => {
    const partition = partitionsOf(topic)[index];
    if (!partition) return;
    const readers = groupsOf(topic);
    const floor = readers.length
      ? Math.min(...readers.map((g) => g.committed[index] ?? 0))
      : partition.next - maxUnread;
    const drop = Math.min(Math.max(0, floor - partition.base), partition.entries.length);
    if (drop > 0) {
      partition.entries.splice(0, drop);
      partition.base += drop;
    }
  };

  const pump = (group: Group, index: number) => {
    if (group.running[index] || closed) return;
    const owner = group.owners[index];
    const partition = partitionsOf(group.topic)[index];
    if (!owner || !partition) return;
    const offset = Math.max(group.committed[index] ?? 0, partition.base);
    const entry = partition.entries[offset - partition.base];
    if (!entry) return;
    group.running[index] = true;
    const work = owner
      .process(entry, owner.controller.signal)
      .then(
        () => {
          group.committed[index] = entry.offset + 1;
          trim(group.topic, index);
          return 0;
        },
        (error: unknown) => {
          // Not committed: the partition's next owner (or this one) gets the message again.
          if (error instanceof DeliveryAborted) return 0;
          log?.error({ topic: group.topic, partition: index, err: String(error) }, 'delivery failed; will redeliver');
          return REDELIVERY_DELAY_MS;
        },
      )
      .then((delay) => {
        owner.inFlight.delete(work);
        group.running[index] = false;
        if (delay) setTimeout(() => pump(group, index), delay).unref();
        else queueMicrotask(() => pump(group, index));
      });
    owner.inFlight.add(work);
  };

  const rebalance = (group: Group) => {
    for (let i = 0; i < partitionCount; i++) {
      group.owners[i] = group.members.length ? group.members[i % group.members.length] : undefined;
    }
    for (let i = 0; i < partitionCount; i++) pump(group, i);
  };

  const append = (topic: string, key: string | null, value: string) => {
    if (closed) throw new Error('bus is closed');
    const index = partitionOf(key, partitionCount);
    const partition = partitionsOf(topic)[index] as Partition;
    partition.entries.push({ offset: partition.next, key, value });
    partition.next += 1;
    const readers = groupsOf(topic);
    if (readers.length === 0) trim(topic, index);
    for (const group of readers) pump(group, index);
  };

  const join = async (topic: string, groupId: string, process: Process): Promise<Subscription> => {
    if (closed) throw new Error('bus is closed');
    const key = `${topic}\u0000${groupId}`;
    let group = groups.get(key);
    if (!group) {
      // A new group starts at the oldest message still kept, like Kafka's fromBeginning.
      const parts = partitionsOf(topic);
      group = {
        topic,
        members: [],
        committed: parts.map((p) => p.base),
        owners: [],
        running: parts.map(() => false),
      };
      groups.set(key, group);
    }
    const member: Member = { process, controller: new AbortController(), inFlight: new Set() };
    const joined = group;
    joined.members.push(member);
    rebalance(joined);
    let stopping: Promise<void> | undefined;
    const subscription: Subscription = {
      stop() {
        stopping ??= (async () => {
          member.controller.abort();
          joined.members = joined.members.filter((m) => m !== member);
          await Promise.allSettled([...member.inFlight]);
          rebalance(joined);
          subscriptions.delete(subscription);
        })();
        return stopping;
      },
    };
    subscriptions.add(subscription);
    return subscription;
  };

  return {
    async publish(topic, envelope) {
      append(topic, envelope.reportId, encode(topic, envelope));
    },

    async publishRaw(topic, key, value) {
      append(topic, key, value);
    },

    subscribe(topic, subscribeOptions: SubscribeOptions, handler) {
      const retry = { ...DEFAULT_RETRY, ...subscribeOptions.retry };
      const dlq = deadLetterTopic(topic);
      const deadLetter = async (letter: DeadLetter) => append(dlq, letter.original.key, encodeDeadLetter(letter));
      return join(topic, subscribeOptions.group, (raw, signal) =>
        deliver(
          topic,
          raw,
          {
            group: subscribeOptions.group,
            stage: subscribeOptions.stage,
            retry,
            signal,
            invalid: subscribeOptions.invalid ?? 'dead-letter',
          },
          handler,
          deadLetter,
          log,
        ),
      );
    },

    subscribeDeadLetters(topic: Topic, group, handler) {
      const dlq = deadLetterTopic(topic);
      return join(dlq, group, (raw) => deliverDeadLetter(dlq, raw, handler, log));
    },

    async close() {
      await Promise.all([...subscriptions].map((s) => s.stop()));
      closed = true;
    },
  };
}

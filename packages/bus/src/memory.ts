import { type DeadLetter, deadLetterTopic, encode, encodeDeadLetter, type Log, type Topic } from '@stixmill/contracts';
import { type Bus, DEFAULT_RETRY, type SubscribeOptions, type Subscription } from './bus.ts';
import { type Delivery, DeliveryAborted, deliver, deliverDeadLetter } from './delivery.ts';
import { createSlots, type Slots } from './slots.ts';

// The embedded mode's bus: Kafka's semantics in one process. Each topic is a set of partitions
// (a message's partition follows its key, so one report's messages keep their order); each
// consumer group has its own committed offsets and shares the partitions among its members;
// an offset is committed only after the handler is done, so a member that stops mid-message
// leaves it to the next member of its group. A member may work on several messages at once
// (SubscribeOptions.concurrency): one report's messages still go one at a time, in order, and the
// committed offset moves only past messages that are all done. Messages are stored encoded, so
// both ends validate exactly as they do over Kafka.

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
  slots: Slots;
}

/** A partition as one group reads it: what is in hand and what is done past the committed offset. */
interface Reading {
  /** Offsets being processed, with their keys. */
  inFlight: Map<number, string | null>;
  /** Offsets done but not yet committed (a message before them is still in hand). */
  done: Set<number>;
  /** A failed delivery waits this long before the partition is read again. */
  pausedUntil: number;
}

interface Group {
  topic: string;
  members: Member[];
  committed: number[];
  owners: (Member | undefined)[];
  reading: Reading[];
}

/** How far past the committed offset a partition is read while an earlier message is in hand. */
const MAX_AHEAD = 1000;

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
    const owner = group.owners[index];
    const partition = partitionsOf(group.topic)[index];
    const reading = group.reading[index];
    if (!owner || !partition || !reading || closed || owner.controller.signal.aborted) return;
    if (Date.now() < reading.pausedUntil) return;
    const keys = new Set(reading.inFlight.values());
    const from = Math.max(group.committed[index] ?? 0, partition.base);
    for (let offset = from; offset < from + MAX_AHEAD; offset++) {
      const entry = partition.entries[offset - partition.base];
      if (!entry) return;
      if (reading.done.has(offset) || reading.inFlight.has(offset)) continue;
      // One report's messages go one at a time, in order: later ones wait for this key.
      if (keys.has(entry.key)) {
        continue;
      }
      if (!owner.slots.tryTake()) return;
      keys.add(entry.key);
      reading.inFlight.set(offset, entry.key);
      start(group, index, owner, entry);
    }
  };

  const start = (group: Group, index: number, owner: Member, entry: Entry) => {
    const reading = group.reading[index] as Reading;
    const work = owner
      .process(entry, owner.controller.signal)
      .then(
        () => {
          reading.done.add(entry.offset);
          let committed = group.committed[index] ?? 0;
          while (reading.done.delete(committed)) committed++;
          group.committed[index] = committed;
          trim(group.topic, index);
          return 0;
        },
        (error: unknown) => {
          // Not committed: the partition's next owner (or this one) gets the message again.
          if (error instanceof DeliveryAborted) return 0;
          log?.error({ topic: group.topic, partition: index, err: String(error) }, 'delivery failed; will redeliver');
          reading.pausedUntil = Date.now() + REDELIVERY_DELAY_MS;
          return REDELIVERY_DELAY_MS;
        },
      )
      .then((delay) => {
        owner.inFlight.delete(work);
        reading.inFlight.delete(entry.offset);
        owner.slots.release();
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

  const join = async (topic: string, groupId: string, process: Process, concurrency = 1): Promise<Subscription> => {
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
        reading: parts.map(() => ({ inFlight: new Map(), done: new Set(), pausedUntil: 0 })),
      };
      groups.set(key, group);
    }
    const member: Member = {
      process,
      controller: new AbortController(),
      inFlight: new Set(),
      slots: createSlots(concurrency),
    };
    const joined = group;
    // A freed slot may start work on any partition this member owns.
    member.slots.onRelease(() =>
      queueMicrotask(() => {
        for (let i = 0; i < partitionCount; i++) if (joined.owners[i] === member) pump(joined, i);
      }),
    );
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
      return join(
        topic,
        subscribeOptions.group,
        (raw, signal) =>
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
        subscribeOptions.concurrency,
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

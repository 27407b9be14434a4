import type { DeadLetter, Envelope, Topic } from '@stixmill/contracts';

export type Handler<T extends Topic> = (envelope: Envelope<T>) => Promise<void>;

export interface RetryPolicy {
  /** Attempts in all, the first included, before a retryable failure goes to the DLQ. */
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, initialBackoffMs: 200, maxBackoffMs: 10_000 };

export interface SubscribeOptions {
  /** Consumer group: subscribers in one group share the topic's partitions; each group sees every message. */
  group: string;
  /** Names the stage in dead letters and logs (the consuming service). */
  stage: string;
  retry?: Partial<RetryPolicy>;
  /**
   * What to do with a message that breaks its contract: `dead-letter` it (the default, for the
   * stage that owns the topic) or `skip` it (for observers such as the report tracker, so one bad
   * message is not dead-lettered once per reader).
   */
  invalid?: 'dead-letter' | 'skip';
  /**
   * Messages this subscriber works on at once (default 1). One report's messages still go one
   * at a time and in order, and offsets are committed only past messages that are all done.
   */
  concurrency?: number;
}

export interface Subscription {
  /** Stop taking new messages, finish the one in hand, leave the group. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The one bus interface. Messages are keyed by report id (so one report's messages keep their
 * order) and validated against their contract on publish and on consume. A handler that throws
 * a retryable error is retried with backoff; a message that is invalid, fails with a
 * non-retryable error or runs out of attempts goes to `<topic>.dlq` with the reason.
 * Delivery is at-least-once: a message is acknowledged only after its handler returns.
 */
export interface Bus {
  publish<T extends Topic>(topic: T, envelope: Envelope<T>): Promise<void>;
  subscribe<T extends Topic>(topic: T, options: SubscribeOptions, handler: Handler<T>): Promise<Subscription>;
  /** Read a topic's dead letters (for status tracking, alerting and replay). */
  subscribeDeadLetters(
    topic: Topic,
    group: string,
    handler: (letter: DeadLetter) => Promise<void>,
  ): Promise<Subscription>;
  close(): Promise<void>;
}

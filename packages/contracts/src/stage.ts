import type { Payload, PayloadInput, ReportStatus } from './messages.ts';
import type { ServiceName, Topic } from './topics.ts';

/** The few logger methods a handler may use (pino's logger has them). */
export interface Log {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface StageContext {
  reportId: string;
  log: Log;
  /** Aborted when the service shuts down; long work should stop and let the message be redelivered. */
  signal: AbortSignal;
}

/** What a stage hands on: the next topic's payload, or nothing from a sink. */
export type StageOutput<To extends Topic | null> = To extends Topic ? PayloadInput<To> : undefined;

/**
 * A report a stage stops without failing it (the same document as an earlier report): the bus
 * publishes it to `reports.status` instead of the stage's output topic, and dead-letters nothing.
 */
export interface Skipped {
  skipped: { stage: ReportStatus; reason: string; duplicateOf?: string };
}

export function isSkipped(value: unknown): value is Skipped {
  return typeof value === 'object' && value !== null && 'skipped' in value && typeof value.skipped === 'object';
}

/**
 * A service's work: a function from one topic's payload to the next topic's payload. It throws a
 * StageError to fail (the bus decides between retry and dead-letter from its code). `to` is null
 * for a sink (the TAXII store). A stage that may stop a report says so in `Out`
 * (`StageOutput<To> | Skipped`); the others keep their exact output type for their callers.
 */
export interface Stage<
  From extends Topic,
  To extends Topic | null,
  Out extends StageOutput<To> | Skipped = StageOutput<To>,
> {
  name: ServiceName;
  from: From;
  to: To;
  /**
   * Messages one instance handles at once (default 1): for a stage that mostly waits, such as
   * the fetcher on slow sources. One report's messages still go one at a time, in order.
   */
  concurrency?: number;
  handle(payload: Payload<From>, ctx: StageContext): Promise<Out>;
}

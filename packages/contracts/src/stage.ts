import type { Payload, PayloadInput } from './messages.ts';
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

/**
 * A service's work: a function from one topic's payload to the next topic's payload. It throws a
 * StageError to fail (the bus decides between retry and dead-letter from its code). `to` is null
 * for a sink (the TAXII store).
 */
export interface Stage<From extends Topic, To extends Topic | null> {
  name: ServiceName;
  from: From;
  to: To;
  handle(payload: Payload<From>, ctx: StageContext): Promise<To extends Topic ? PayloadInput<To> : undefined>;
}

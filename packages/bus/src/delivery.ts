import {
  type DeadLetter,
  decode,
  decodeDeadLetter,
  type Envelope,
  type Log,
  type StageError,
  type Topic,
  toStageError,
} from '@stixmill/contracts';
import type { Handler, RetryPolicy } from './bus.ts';

// What both adapters do with one received message: validate it, run the handler, retry what may
// succeed later, dead-letter the rest. Written once so the memory and Kafka buses cannot drift.

export interface Delivery {
  key: string | null;
  value: string;
}

export interface DeliveryOptions {
  group: string;
  stage: string;
  retry: RetryPolicy;
  /** Aborted on shutdown: the message is then neither acknowledged nor dead-lettered (it is redelivered). */
  signal: AbortSignal;
  /** Waits between attempts; injectable so tests need not sleep. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** See SubscribeOptions.invalid. */
  invalid?: 'dead-letter' | 'skip';
}

export class DeliveryAborted extends Error {
  constructor() {
    super('delivery aborted by shutdown; the message will be redelivered');
    this.name = 'DeliveryAborted';
  }
}

/** Exponential backoff with full jitter, capped. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DeliveryAborted());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new DeliveryAborted());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Resolves once the message is done with: handled, or written to the dead-letter topic. Only then
 * may the adapter acknowledge (commit) it. Rejects with DeliveryAborted if shutdown came first,
 * or with the dead-letter publisher's error if even that failed: in both cases the caller must
 * not acknowledge, so the message comes back.
 */
export async function deliver<T extends Topic>(
  topic: T,
  raw: Delivery,
  options: DeliveryOptions,
  handler: Handler<T>,
  deadLetter: (letter: DeadLetter) => Promise<void>,
  log?: Log,
): Promise<void> {
  const wait = options.sleep ?? sleep;
  const letter = (error: StageError, attempts: number, reportId?: string): DeadLetter => ({
    topic,
    stage: options.stage,
    group: options.group,
    ...(reportId === undefined ? {} : { reportId }),
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
    attempts,
    failedAt: new Date().toISOString(),
    original: { key: raw.key, value: raw.value },
  });

  let envelope: Envelope<T>;
  try {
    envelope = decode(topic, raw.value);
  } catch (error) {
    const stageError = toStageError(error);
    if (options.invalid === 'skip') {
      log?.debug({ topic, stage: options.stage, key: raw.key, err: stageError.message }, 'invalid message skipped');
      return;
    }
    log?.warn({ topic, stage: options.stage, key: raw.key, err: stageError.message }, 'invalid message dead-lettered');
    await deadLetter(letter(stageError, 1, raw.key ?? undefined));
    return;
  }

  const context = { topic, stage: options.stage, reportId: envelope.reportId, traceparent: envelope.trace.traceparent };
  for (let attempt = 1; ; attempt++) {
    if (options.signal.aborted) throw new DeliveryAborted();
    try {
      await handler(envelope);
      return;
    } catch (error) {
      if (error instanceof DeliveryAborted || options.signal.aborted) throw new DeliveryAborted();
      const stageError = toStageError(error);
      const lastAttempt = !stageError.retryable || attempt >= options.retry.maxAttempts;
      if (lastAttempt) {
        log?.error({ ...context, attempt, code: stageError.code, err: stageError.message }, 'message dead-lettered');
        await deadLetter(letter(stageError, attempt, envelope.reportId));
        return;
      }
      const delay = backoffMs(attempt, options.retry);
      log?.warn({ ...context, attempt, code: stageError.code, err: stageError.message, delayMs: delay }, 'retrying');
      await wait(delay, options.signal);
    }
  }
}

/**
 * Hand one raw dead letter to a reader. An unreadable letter is logged and skipped: there is
 * nothing to retry, and a DLQ has no DLQ.
 */
export async function deliverDeadLetter(
  topic: string,
  raw: Delivery,
  handler: (letter: DeadLetter) => Promise<void>,
  log?: Log,
): Promise<void> {
  let letter: DeadLetter;
  try {
    letter = decodeDeadLetter(raw.value);
  } catch (error) {
    log?.error({ topic, key: raw.key, err: String(error) }, 'unreadable dead letter skipped');
    return;
  }
  await handler(letter);
}

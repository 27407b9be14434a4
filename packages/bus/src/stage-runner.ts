import {
  childTrace,
  type Envelope,
  isSkipped,
  type Log,
  makeEnvelope,
  type Skipped,
  type Stage,
  type StageOutput,
  type Topic,
  toStageError,
} from '@stixmill/contracts';
import type { Bus, RetryPolicy, Subscription } from './bus.ts';
import { backoffMs, DeliveryAborted, sleep } from './delivery.ts';

/**
 * What a stage and its bus count, for Prometheus (`createMetrics` in @stixmill/runtime has these
 * methods). Labels are logical topic names. Every method must be cheap and must not throw.
 */
export interface MessageMetrics {
  received(topic: string): void;
  handled(topic: string, seconds: number, outcome: 'ok' | 'failed'): void;
  failed(topic: string, code: string): void;
  published(topic: string): void;
  deadLettered(topic: string, code: string): void;
  lag(topic: string, partition: number, messages: number): void;
}

export interface RunStageOptions {
  /** Consumer group; defaults to `stixmill.<stage name>`, so replicas of a service share the work. */
  group?: string;
  retry?: Partial<RetryPolicy>;
  log: Log;
  metrics?: Pick<MessageMetrics, 'handled' | 'failed' | 'published'>;
}

// Publishing the output fails only when the broker is unreachable (the payload was validated by
// the stage's contract). That is no fault of the message: keep trying, without spending the
// message's attempts, until the broker takes it or shutdown hands the message back. Otherwise a
// broker restart would push every in-flight message into the dead-letter topic.
const PUBLISH_RETRY: RetryPolicy = { maxAttempts: Number.POSITIVE_INFINITY, initialBackoffMs: 250, maxBackoffMs: 5000 };

async function publishUntilAccepted<T extends Topic>(
  bus: Bus,
  topic: T,
  envelope: Envelope<T>,
  signal: AbortSignal,
  log: Log,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await bus.publish(topic, envelope);
      return;
    } catch (error) {
      const stageError = toStageError(error);
      // A contract violation, or a message the broker refuses (too large), will not pass on a
      // second try: dead-letter it with the reason rather than wedge the partition.
      if (stageError.code === 'invalid_message' || !stageError.retryable) throw stageError;
      if (signal.aborted) throw new DeliveryAborted();
      const delayMs = backoffMs(attempt, PUBLISH_RETRY);
      log.warn({ topic, attempt, err: stageError.message, delayMs }, 'publish failed; retrying');
      await sleep(delayMs, signal);
    }
  }
}

/**
 * Puts a service's Stage on the bus: consume its input topic, run the handler, publish the
 * result to the output topic under the same report id and trace. The input is acknowledged only
 * after the output is published (the bus waits for this function's promise), so a crash in
 * between means redelivery, and deterministic outputs make the duplicate harmless. A Skipped
 * result (a duplicate report) goes to `reports.status` instead: the report stops there, unfailed.
 */
export async function runStage<From extends Topic, To extends Topic | null>(
  bus: Bus,
  stage: Stage<From, To, StageOutput<To> | Skipped>,
  options: RunStageOptions,
): Promise<Subscription> {
  const controller = new AbortController();
  const { metrics } = options;
  const subscription = await bus.subscribe(
    stage.from,
    {
      group: options.group ?? `stixmill.${stage.name}`,
      stage: stage.name,
      ...(options.retry ? { retry: options.retry } : {}),
      ...(stage.concurrency ? { concurrency: stage.concurrency } : {}),
    },
    async (envelope) => {
      // Every line about this message carries its report id and W3C trace context.
      const log = childLog(options.log, { reportId: envelope.reportId, traceparent: envelope.trace.traceparent });
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      try {
        const output = await stage.handle(envelope.payload, {
          reportId: envelope.reportId,
          log,
          signal: controller.signal,
        });
        if (isSkipped(output)) {
          const status = makeEnvelope(
            'reports.status',
            envelope.reportId,
            { ...output.skipped, context: envelope.payload.context },
            { trace: childTrace(envelope.trace) },
          );
          await publishUntilAccepted(bus, 'reports.status', status, controller.signal, log);
          metrics?.published('reports.status');
          log.info(
            { stage: stage.name, status: output.skipped.stage, reason: output.skipped.reason },
            'report stopped',
          );
        } else if (stage.to !== null && output !== undefined) {
          const to = stage.to as Topic;
          const next = makeEnvelope(to, envelope.reportId, output as never, { trace: childTrace(envelope.trace) });
          await publishUntilAccepted(bus, to, next, controller.signal, log);
          metrics?.published(to);
        }
      } catch (error) {
        if (!(error instanceof DeliveryAborted)) {
          metrics?.failed(stage.from, toStageError(error).code);
          metrics?.handled(stage.from, seconds(), 'failed');
        }
        throw error;
      }
      metrics?.handled(stage.from, seconds(), 'ok');
      log.info({ stage: stage.name, ms: Math.round(seconds() * 1000) }, 'message handled');
    },
  );
  return {
    async stop() {
      controller.abort();
      await subscription.stop();
    },
  };
}

function childLog(log: Log, bindings: Record<string, string>): Log {
  const withChild = log as Log & { child?: (b: Record<string, string>) => Log };
  return typeof withChild.child === 'function' ? withChild.child(bindings) : log;
}

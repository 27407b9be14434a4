import { childTrace, type Log, makeEnvelope, type Stage, type Topic } from '@stixmill/contracts';
import type { Bus, RetryPolicy, Subscription } from './bus.ts';

export interface RunStageOptions {
  /** Consumer group; defaults to `stixmill.<stage name>`, so replicas of a service share the work. */
  group?: string;
  retry?: Partial<RetryPolicy>;
  log: Log;
}

/**
 * Puts a service's Stage on the bus: consume its input topic, run the handler, publish the
 * result to the output topic under the same report id and trace. The input is acknowledged only
 * after the output is published (the bus waits for this function's promise), so a crash in
 * between means redelivery, and deterministic outputs make the duplicate harmless.
 */
export async function runStage<From extends Topic, To extends Topic | null>(
  bus: Bus,
  stage: Stage<From, To>,
  options: RunStageOptions,
): Promise<Subscription> {
  const controller = new AbortController();
  const subscription = await bus.subscribe(
    stage.from,
    {
      group: options.group ?? `stixmill.${stage.name}`,
      stage: stage.name,
      ...(options.retry ? { retry: options.retry } : {}),
    },
    async (envelope) => {
      const log = childLog(options.log, { reportId: envelope.reportId, traceparent: envelope.trace.traceparent });
      const started = performance.now();
      const output = await stage.handle(envelope.payload, {
        reportId: envelope.reportId,
        log,
        signal: controller.signal,
      });
      if (stage.to !== null && output !== undefined) {
        const to = stage.to as Topic;
        await bus.publish(
          to,
          makeEnvelope(to, envelope.reportId, output as never, { trace: childTrace(envelope.trace) }),
        );
      }
      log.info({ stage: stage.name, ms: Math.round(performance.now() - started) }, 'message handled');
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

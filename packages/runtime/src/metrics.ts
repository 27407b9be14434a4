import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

// Prometheus metrics of one service process, served at /metrics. The methods are the hooks the
// bus and runStage call (they take any object with these methods, so the bus does not depend on
// prom-client); labels are the logical topic names from contracts, not the namespaced ones.

export type HandlerOutcome = 'ok' | 'failed';

export interface Metrics {
  /** A message arrived from the broker (valid or not), before its handler runs. */
  received(topic: string): void;
  /** One handler attempt finished, with its duration. */
  handled(topic: string, seconds: number, outcome: HandlerOutcome): void;
  /** One handler attempt threw; `code` is the StageError code. */
  failed(topic: string, code: string): void;
  /** A message was published to the topic. */
  published(topic: string): void;
  /** A message of the topic went to its dead-letter topic. */
  deadLettered(topic: string, code: string): void;
  /** Messages behind the end of a partition, as seen after the last batch from it. */
  lag(topic: string, partition: number, messages: number): void;
  /** The exposition text and its content type. */
  render(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsOptions {
  /** Added to every series as the `service` label. */
  service: string;
  /** Node.js process metrics (CPU, memory, event loop lag, GC); default true. */
  processMetrics?: boolean;
}

const EVENT_LOOP_SAMPLE_MS = 100;

// Handlers range from a store write (milliseconds) to a PDF parse or a slow fetch (seconds).
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: options.service });
  // The event-loop lag histogram samples every 100 ms, not prom-client's 10: at 10 ms the monitor
  // alone kept an idle service's CPU busy; lag that matters lasts far longer than 100 ms.
  if (options.processMetrics !== false)
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });

  const registers = [registry];
  const counter = (name: string, help: string, labelNames: string[]) =>
    new Counter({ name, help, labelNames, registers });
  const messagesIn = counter('stixmill_messages_in_total', 'Messages received from a topic.', ['topic']);
  const messagesOut = counter('stixmill_messages_out_total', 'Messages published to a topic.', ['topic']);
  const messagesFailed = counter(
    'stixmill_messages_failed_total',
    'Handler attempts that threw, by error code (a retried message counts once per attempt).',
    ['topic', 'code'],
  );
  const deadLettered = counter(
    'stixmill_messages_dead_lettered_total',
    'Messages sent to the dead-letter topic of their topic, by error code.',
    ['topic', 'code'],
  );
  const latency = new Histogram({
    name: 'stixmill_handler_duration_seconds',
    help: 'Duration of one handler attempt, from receipt to the output being published.',
    labelNames: ['topic', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const lag = new Gauge({
    name: 'stixmill_consumer_lag_messages',
    help: 'Messages between the committed position and the end of the partition, after the last batch.',
    labelNames: ['topic', 'partition'],
    registers,
  });

  return {
    received: (topic) => messagesIn.inc({ topic }),
    handled: (topic, seconds, outcome) => latency.observe({ topic, outcome }, seconds),
    failed: (topic, code) => messagesFailed.inc({ topic, code }),
    published: (topic) => messagesOut.inc({ topic }),
    deadLettered: (topic, code) => deadLettered.inc({ topic, code }),
    lag: (topic, partition, messages) => lag.set({ topic, partition: String(partition) }, messages),
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

import { createKafkaBus, sourceTopicOf } from '@stixmill/bus';
import { type Config, createLogger } from '@stixmill/runtime';

// `stixmill replay --from TOPIC [--since TIME]`: publish a topic's retained messages again, so the
// services downstream of it process them again (after an extractor changed), or, from a `.dlq`
// topic, send each failed message back to its topic (after the cause was fixed). Idempotent
// downstream: a replayed report yields the same STIX ids and versions.

export interface ReplayCommandOptions {
  config: Config;
  from: string;
  /** An ISO 8601 time, or a duration back from now: `90s`, `15m`, `6h`, `2d`. */
  since?: string;
  now?: Date;
}

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `2026-03-04T05:00:00Z`, or `30m` meaning thirty minutes ago. */
export function parseSince(value: string, now: Date = new Date()): Date {
  const relative = value.match(/^(\d+)([smhd])$/);
  if (relative?.[1] && relative[2]) {
    return new Date(now.getTime() - Number(relative[1]) * UNIT_MS[relative[2] as keyof typeof UNIT_MS]);
  }
  const at = new Date(value);
  if (Number.isNaN(at.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
    throw new Error(`--since takes an ISO 8601 time or a duration such as 30m, 6h, 2d, not "${value}"`);
  }
  return at;
}

export async function replayCommand(options: ReplayCommandOptions): Promise<string> {
  const { config } = options;
  const from = sourceTopicOf(options.from); // throws on an unknown topic, before connecting
  const since = options.since === undefined ? undefined : parseSince(options.since, options.now);
  const log = createLogger({ level: config.STIXMILL_LOG_LEVEL, name: 'replay' });
  const bus = createKafkaBus({
    brokers: config.KAFKA_BROKERS,
    clientId: `${config.KAFKA_CLIENT_ID}-replay`,
    log,
    ...(config.STIXMILL_KAFKA_NAMESPACE ? { namespace: config.STIXMILL_KAFKA_NAMESPACE } : {}),
  });
  try {
    const result = await bus.replay({
      from: from.dlq ? `${from.topic}.dlq` : from.topic,
      ...(since ? { since } : {}),
    });
    return `${JSON.stringify({ from: options.from, since: since?.toISOString(), ...result })}\n`;
  } finally {
    await bus.close();
  }
}

import { randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { StageError } from './errors.ts';
import {
  DeadLetter,
  ENVELOPES,
  type Envelope,
  PAYLOADS,
  type PayloadInput,
  SCHEMA_VERSION,
  type TraceContext,
} from './messages.ts';
import type { Topic } from './topics.ts';

// Encoding and decoding of messages: validation happens here, at the edges, on both ends.

/** A new W3C traceparent (version 00, sampled). */
export function newTrace(): TraceContext {
  return { traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01` };
}

/** The same trace with a new span id, for a message caused by another. */
export function childTrace(parent: TraceContext): TraceContext {
  const [version, traceId, , flags] = parent.traceparent.split('-');
  return { traceparent: `${version}-${traceId}-${randomBytes(8).toString('hex')}-${flags}` };
}

/** A new report id: short, URL-safe, sortable by creation time. */
export function newReportId(now: Date = new Date()): string {
  return `r-${now.getTime().toString(36)}-${randomBytes(5).toString('hex')}`;
}

export function makeEnvelope<T extends Topic>(
  topic: T,
  reportId: string,
  payload: PayloadInput<T>,
  options: { trace?: TraceContext; now?: Date } = {},
): Envelope<T> {
  const envelope = {
    id: randomUUID(),
    reportId,
    type: topic,
    schemaVersion: SCHEMA_VERSION[topic],
    time: (options.now ?? new Date()).toISOString(),
    trace: options.trace ?? newTrace(),
    payload: PAYLOADS[topic].parse(payload),
  };
  return envelope as Envelope<T>;
}

function invalid(topic: Topic, error: z.ZodError): StageError {
  const issues = error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message }));
  const summary = issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
  return new StageError('invalid_message', `message on ${topic} does not match its contract: ${summary}`, {
    details: { issues },
  });
}

/** Validate and serialise; throws StageError('invalid_message') before anything bad is sent. */
export function encode<T extends Topic>(topic: T, envelope: Envelope<T>): string {
  const result = ENVELOPES[topic].safeParse(envelope);
  if (!result.success) throw invalid(topic, result.error);
  return JSON.stringify(result.data);
}

/** Parse and validate a raw message; throws StageError('invalid_message') with the zod issues. */
export function decode<T extends Topic>(topic: T, raw: string): Envelope<T> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    throw new StageError('invalid_message', `message on ${topic} is not JSON: ${(cause as Error).message}`, { cause });
  }
  const result = ENVELOPES[topic].safeParse(json);
  if (!result.success) throw invalid(topic, result.error);
  return result.data as Envelope<T>;
}

export function encodeDeadLetter(letter: DeadLetter): string {
  return JSON.stringify(DeadLetter.parse(letter));
}

export function decodeDeadLetter(raw: string): DeadLetter {
  return DeadLetter.parse(JSON.parse(raw));
}

import type { Bus, Subscription } from '@stixmill/bus';
import {
  type Log,
  makeEnvelope,
  newReportId,
  type PayloadInput,
  reportStageOf,
  type Tlp,
  TOPICS,
  type Topic,
} from '@stixmill/contracts';
import type { Store } from '@stixmill/store';

// The report ledger behind `GET /api/reports/:id`: a consumer group of its own reads every topic
// and every dead-letter topic and moves each report to the stage it reached, or to `failed`
// with the stage and reason, or to the status a stage gave it on `reports.status` (`duplicate`,
// with the earlier report). It never slows the pipeline: it is just one more group.

export async function startTracker(bus: Bus, store: Store, log: Log): Promise<Subscription> {
  const group = 'stixmill.tracker';
  const subscriptions: Subscription[] = [];
  for (const topic of TOPICS) {
    subscriptions.push(
      // An invalid message is the concern of the stage that reads its topic; reports.status has no
      // stage but the ledger, so there the ledger dead-letters it rather than lose it.
      await bus.subscribe(
        topic,
        { group, stage: 'tracker', invalid: topic === 'reports.status' ? 'dead-letter' : 'skip' },
        async (envelope) => {
          await store.recordStage(envelope.reportId, reportStageOf(envelope), {
            tlp: (envelope.payload as { context?: { tlp?: Tlp } }).context?.tlp,
            counts: countsOf(topic, envelope.payload),
            ...duplicateOf(topic, envelope.payload),
          });
        },
      ),
    );
    subscriptions.push(
      await bus.subscribeDeadLetters(topic, group, async (letter) => {
        if (!letter.reportId) {
          log.warn({ topic, code: letter.error.code }, 'dead letter without a report id');
          return;
        }
        await store.recordStage(letter.reportId, 'failed', {
          error: { code: letter.error.code, message: letter.error.message, stage: letter.stage },
        });
      }),
    );
  }
  return {
    async stop() {
      await Promise.all(subscriptions.map((s) => s.stop()));
    },
  };
}

function countsOf(topic: Topic, payload: unknown): Record<string, number> {
  if (topic === 'findings.extracted') {
    const p = payload as { findings: unknown[]; relations: unknown[] };
    return { findings: p.findings.length, relations: p.relations.length };
  }
  if (topic === 'stix.bundles')
    return { objects: (payload as { bundle: { objects: unknown[] } }).bundle.objects.length };
  return {};
}

function duplicateOf(topic: Topic, payload: unknown): { duplicateOf?: string } {
  if (topic !== 'reports.status') return {};
  const earlier = (payload as PayloadInput<'reports.status'>).duplicateOf;
  return earlier === undefined ? {} : { duplicateOf: earlier };
}

/** Accept a report: record it, then put it on the bus. Returns its id at once. */
export async function submitReport(
  bus: Bus,
  store: Store,
  payload: PayloadInput<'reports.submitted'>,
): Promise<{ reportId: string }> {
  const now = new Date();
  const reportId = newReportId(now);
  const envelope = makeEnvelope('reports.submitted', reportId, {
    ...payload,
    context: { ...payload.context, submittedAt: now.toISOString() },
  });
  const source = envelope.payload.source;
  await store.recordStage(reportId, 'submitted', {
    source: source.kind === 'url' ? source.url : `file:${source.filename ?? 'upload'}`,
    tlp: envelope.payload.context.tlp,
  });
  await bus.publish('reports.submitted', envelope);
  return { reportId };
}

import { createMemoryBus } from '@stixmill/bus';
import { type DeadLetter, type Log, makeEnvelope, newReportId } from '@stixmill/contracts';
import { openStore } from '@stixmill/store';
import { expect, test } from 'vitest';
import { startTracker, submitReport } from './tracker.ts';

const quiet: Log = { debug() {}, info() {}, warn() {}, error() {} };

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('poison on reports.status is dead-lettered with the reason, not skipped; the ledger goes on', async () => {
  const bus = createMemoryBus();
  const store = await openStore();
  try {
    const letters: DeadLetter[] = [];
    await bus.subscribeDeadLetters('reports.status', 'dlq-reader', async (l) => void letters.push(l));
    const tracker = await startTracker(bus, store, quiet);
    const poisoned = newReportId();
    await bus.publishRaw('reports.status', poisoned, '{"not":"a status"}');
    const { reportId } = await submitReport(bus, store, {
      source: { kind: 'url', url: 'https://www.justice.gov/opa/pr/laptop-farm' },
      context: { tlp: 'amber' },
    });
    const earlier = newReportId();
    await bus.publish(
      'reports.status',
      makeEnvelope('reports.status', reportId, {
        stage: 'duplicate',
        duplicateOf: earlier,
        reason: `same content as ${earlier}`,
        context: {},
      }),
    );
    await until(() => letters.length === 1, 'the dead letter');
    expect(letters[0]).toMatchObject({ topic: 'reports.status', stage: 'tracker', error: { code: 'invalid_message' } });
    await until(async () => (await store.getReport(reportId))?.stage === 'duplicate', 'the ledger to go on');
    expect(await store.getReport(reportId)).toMatchObject({ tlp: 'amber', duplicateOf: earlier });
    await tracker.stop();
  } finally {
    await bus.close();
    await store.close();
  }
});

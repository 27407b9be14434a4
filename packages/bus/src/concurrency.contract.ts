import { type Envelope, makeEnvelope, newReportId } from '@stixmill/contracts';
import { expect } from 'vitest';
import type { Bus } from './bus.ts';
import { DeliveryAborted } from './delivery.ts';

// What `concurrency` promises, for any bus (the memory and Kafka tests both run it): a slow
// message holds up only itself, one report's messages still go in order, and a message still in
// hand when its subscriber stops is delivered again. Messages done after it in its partition are
// not redone on the memory bus, which remembers them; Kafka keeps one committed offset per
// partition, so there they may be (at-least-once: ids are deterministic, a redo adds nothing).

function submitted(reportId: string, n: number): Envelope<'reports.submitted'> {
  return makeEnvelope('reports.submitted', reportId, {
    source: { kind: 'url', url: `https://reports.example/${n}` },
    context: {},
  });
}

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const urlOf = (e: Envelope<'reports.submitted'>) => (e.payload.source.kind === 'url' ? e.payload.source.url : '');

export async function checkConcurrency(bus: Bus, options: { redoesDoneAfterInHand: boolean }): Promise<void> {
  const slow = newReportId();
  const ordered = newReportId();
  const events: string[] = [];
  let releaseOrdered = () => {};
  let abortSlow = () => {};
  const first = await bus.subscribe(
    'reports.submitted',
    { group: 'concurrent', stage: 'fetcher', concurrency: 4 },
    async (envelope) => {
      const url = urlOf(envelope);
      events.push(`start ${url}`);
      if (envelope.reportId === slow) {
        // Never finishes by itself: it ends only as a stop() would end it.
        await new Promise<void>((_, reject) => {
          abortSlow = () => reject(new DeliveryAborted());
        });
      }
      if (url.endsWith('/10')) await new Promise<void>((resolve) => (releaseOrdered = resolve));
      events.push(`end ${url}`);
    },
  );
  await bus.publish('reports.submitted', submitted(slow, 0));
  await bus.publish('reports.submitted', submitted(ordered, 10));
  await bus.publish('reports.submitted', submitted(ordered, 11));
  for (let n = 1; n <= 5; n++) await bus.publish('reports.submitted', submitted(newReportId(), n));

  // The slow one holds up nobody else.
  await until(() => [1, 2, 3, 4, 5].every((n) => events.includes(`end https://reports.example/${n}`)), 'the fast ones');
  expect(events).toContain('start https://reports.example/0');
  expect(events).not.toContain('end https://reports.example/0');
  // One report's second message waits for its first.
  expect(events).not.toContain('start https://reports.example/11');
  releaseOrdered();
  await until(() => events.includes('end https://reports.example/11'), 'the second message of one report');
  expect(events.indexOf('end https://reports.example/10')).toBeLessThan(
    events.indexOf('start https://reports.example/11'),
  );

  // Stopped with the slow one in hand: it comes again to the group's next member; the rest do not.
  const stopped = first.stop();
  abortSlow();
  await stopped;
  const again: string[] = [];
  const second = await bus.subscribe(
    'reports.submitted',
    { group: 'concurrent', stage: 'fetcher', concurrency: 4 },
    async (envelope) => {
      again.push(urlOf(envelope));
    },
  );
  await until(() => again.length >= 1, 'the redelivery');
  await new Promise((r) => setTimeout(r, 500));
  await second.stop();
  expect(again).toContain('https://reports.example/0');
  expect(new Set(again).size).toBe(again.length);
  if (!options.redoesDoneAfterInHand) expect(again).toEqual(['https://reports.example/0']);
}

import { describe, expect, test } from 'vitest';
import { createBudget } from './budget.ts';

function gate() {
  let open = () => {};
  const closed = new Promise<void>((resolve) => (open = resolve));
  return { open, closed };
}

describe('budget', () => {
  test('documents run together while their sizes fit; a large one waits and then runs alone', async () => {
    const budget = createBudget(10);
    const events: string[] = [];
    const a = gate();
    const first = budget.run(6, async () => {
      events.push('start a');
      await a.closed;
      events.push('end a');
    });
    const big = budget.run(8, async () => void events.push('start big'));
    const small = budget.run(3, async () => void events.push('start small'));
    await small;
    expect(events).toEqual(['start a', 'start small']);
    a.open();
    await Promise.all([first, big]);
    expect(events).toEqual(['start a', 'start small', 'end a', 'start big']);
  });

  test('one document larger than the whole budget runs once nothing else holds it', async () => {
    const budget = createBudget(10);
    expect(await budget.run(50, async () => 'ran')).toBe('ran');
  });

  test('a large one waiting past maxWait lets no more small ones pass it', async () => {
    let t = 0;
    const budget = createBudget(10, { maxWaitMs: 100, now: () => t });
    const events: string[] = [];
    const a = gate();
    const first = budget.run(6, async () => {
      await a.closed;
    });
    const big = budget.run(8, async () => void events.push('big'));
    t = 200;
    const late = budget.run(1, async () => void events.push('late small'));
    a.open();
    await Promise.all([first, big, late]);
    expect(events).toEqual(['big', 'late small']);
  });
});

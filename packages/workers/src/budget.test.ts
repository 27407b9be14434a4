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

  test('a small one starts even beside a large one that holds the whole budget', async () => {
    const budget = createBudget(80);
    const a = gate();
    const large = budget.run(200, async () => {
      await a.closed;
    });
    expect(await budget.run(5, async () => 'small ran')).toBe('small ran');
    a.open();
    await large;
  });

  test('a large one waiting past maxWait lets no other large one pass it', async () => {
    let t = 0;
    const budget = createBudget(80, { maxWaitMs: 100, now: () => t });
    const events: string[] = [];
    const a = gate();
    const first = budget.run(50, async () => {
      await a.closed;
    });
    const big = budget.run(60, async () => void events.push('big'));
    t = 200;
    const mid = budget.run(20, async () => void events.push('mid'));
    const small = budget.run(5, async () => void events.push('small'));
    await small;
    expect(events).toEqual(['small']);
    a.open();
    await Promise.all([first, big, mid]);
    expect(events).toEqual(['small', 'big', 'mid']);
  });
});

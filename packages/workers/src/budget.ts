// How much document the workers of a process hold at once. Reading a document costs memory in
// proportion to its size (extraction peaks near 30 bytes of heap per byte of text), so the pools
// admit documents while their sizes together stay within the budget: a large one waits for the
// others and then runs alone, a small one passes a waiting large one. A small one (an eighth of the
// budget or less: a normal report) always starts, even beside a large one, so large documents
// never hold up the reports behind them. A large one that has waited `maxWaitMs` lets no other
// large one pass it, so a stream of them cannot starve it.

export interface Budget {
  /** Runs `work` once `weight` fits (always, if nothing else holds the budget). */
  run<T>(weight: number, work: () => Promise<T>): Promise<T>;
}

interface Waiting {
  weight: number;
  since: number;
  start: () => void;
}

export function createBudget(limit: number, options: { maxWaitMs?: number; now?: () => number } = {}): Budget {
  const maxWaitMs = options.maxWaitMs ?? 5000;
  const now = options.now ?? (() => Date.now());
  let held = 0;
  let holders = 0;
  const waiting: Waiting[] = [];

  const small = (weight: number) => weight <= limit / 8;
  const fits = (weight: number) => small(weight) || holders === 0 || held + weight <= limit;

  const grant = (candidate: Waiting) => {
    waiting.splice(waiting.indexOf(candidate), 1);
    held += candidate.weight;
    holders++;
    candidate.start();
  };

  const admit = () => {
    // Past its wait, the first one that does not fit holds back every large one behind it.
    let blocked = false;
    for (const candidate of [...waiting]) {
      if (blocked ? small(candidate.weight) : fits(candidate.weight)) grant(candidate);
      else if (now() - candidate.since >= maxWaitMs) blocked = true;
    }
  };

  return {
    async run(weight, work) {
      await new Promise<void>((start) => {
        waiting.push({ weight, since: now(), start });
        admit();
      });
      try {
        return await work();
      } finally {
        held -= weight;
        holders--;
        admit();
      }
    },
  };
}

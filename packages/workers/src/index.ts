// @stixmill/workers: run untrusted-input work (parsing, extraction) on worker threads, each task
// within a time and memory budget, so one document can never stop the event loop that serves the API.

export { type Budget, createBudget } from './budget.ts';
export { createWorkerPool, type WorkerPool, type WorkerPoolOptions } from './pool.ts';
export { serveTasks } from './serve.ts';

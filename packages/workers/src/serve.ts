import { parentPort } from 'node:worker_threads';
import { StageError } from '@stixmill/contracts';
import type { Reply, Task } from './protocol.ts';

/** The worker side: answer each task with the handler's result or its error. */
export function serveTasks<In, Out>(handler: (input: In) => Promise<Out> | Out): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks runs inside a worker thread');
  port.on('message', async (task: Task<In>) => {
    let reply: Reply<Out>;
    try {
      reply = { id: task.id, ok: true, value: await handler(task.input) };
    } catch (error) {
      const stage = error instanceof StageError ? error : undefined;
      reply = {
        id: task.id,
        ok: false,
        error: {
          message: error instanceof Error ? error.message : String(error),
          ...(stage ? { code: stage.code, retryable: stage.retryable } : {}),
          ...(stage?.details ? { details: stage.details } : {}),
        },
      };
    }
    port.postMessage(reply);
  });
}

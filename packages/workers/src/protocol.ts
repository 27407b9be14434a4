import type { ErrorCode } from '@stixmill/contracts';

// What the pool and its workers say to each other.

export interface Task<In> {
  id: number;
  input: In;
}

export type Reply<Out> =
  | { id: number; ok: true; value: Out }
  | {
      id: number;
      ok: false;
      /** A StageError keeps its code and retryability across the thread boundary. */
      error: { message: string; code?: ErrorCode; retryable?: boolean; details?: Record<string, unknown> };
    };

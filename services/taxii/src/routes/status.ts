import type { StatusRecord } from '@stixmill/store';
import type { RouteContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import { reply } from '../reply.ts';

/**
 * TAXII 2.1 §4.3.1 Status Resource: "id, status, request_timestamp, total_count, success_count,
 * successes, failure_count, failures, pending_count, pendings"; the counts add up.
 */
export function statusResource(status: StatusRecord) {
  return {
    id: status.id,
    status: status.status,
    request_timestamp: status.requestTimestamp,
    total_count: status.totalCount,
    success_count: status.successCount,
    successes: status.successes.map((s) => ({ ...s, message: 'stored' })),
    failure_count: status.failureCount,
    failures: status.failures,
    pending_count: status.pendingCount,
    pendings: [],
  };
}

/** TAXII 2.1 §4.3 Get Status. */
export async function getStatus(ctx: RouteContext): Promise<void> {
  const id = ctx.params.status ?? '';
  const status = await ctx.config.store.getStatus(id);
  if (!status) throw new HttpError('not_found', `no status ${id}`);
  reply(ctx, 200, statusResource(status));
}

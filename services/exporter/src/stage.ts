import { type Stage, StageError } from '@stixmill/contracts';
import { StixValidationError } from '@stixmill/stix';
import { DEFAULT_PRODUCER_NAME, toBundle } from './handler.ts';

export interface ExporterDeps {
  /** The name of the identity that signs every object; default `stixmill`. */
  producerName?: string;
  clock?: () => Date;
}

/** findings.extracted -> stix.bundles: one STIX 2.1 bundle per report. */
export function createExporterStage(deps: ExporterDeps = {}): Stage<'findings.extracted', 'stix.bundles'> {
  const clock = deps.clock ?? (() => new Date());
  const producerName = deps.producerName ?? DEFAULT_PRODUCER_NAME;
  return {
    name: 'exporter',
    from: 'findings.extracted',
    to: 'stix.bundles',
    async handle(payload, ctx) {
      let skipped = 0;
      let bundle: ReturnType<typeof toBundle>;
      try {
        bundle = toBundle(payload, {
          // The submission time, not the wall clock: redelivery must not mint new versions.
          now: payload.context.submittedAt ? new Date(payload.context.submittedAt) : clock(),
          producerName,
          onSkip: (s) => {
            skipped += 1;
            ctx.log.warn({ ...s }, 'finding not exported');
          },
        });
      } catch (cause) {
        // The same findings would fail the same way again: dead-letter, do not retry.
        const details = cause instanceof StixValidationError ? { issues: cause.issues.slice(0, 20) } : undefined;
        throw new StageError('export_failed', `STIX export failed: ${(cause as Error).message}`, {
          cause,
          ...(details ? { details } : {}),
        });
      }
      ctx.log.info({ objects: bundle.objects.length, skipped }, 'exported');
      return { meta: payload.meta, bundle, context: payload.context };
    },
  };
}

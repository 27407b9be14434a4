import type { z } from 'zod';

export interface StixIssue {
  path: string;
  message: string;
}

/** Thrown when an object or bundle is not valid STIX 2.1 as stixmill emits it. */
export class StixValidationError extends Error {
  readonly code = 'invalid_stix';
  readonly issues: readonly StixIssue[];

  constructor(what: string, issues: readonly StixIssue[]) {
    const summary = issues
      .slice(0, 10)
      .map((i) => `${i.path || '(root)'}: ${i.message}`)
      .join('; ');
    super(`invalid ${what}: ${summary}`);
    this.name = 'StixValidationError';
    this.issues = issues;
  }

  static fromZod(what: string, error: z.ZodError): StixValidationError {
    return new StixValidationError(
      what,
      error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  }
}

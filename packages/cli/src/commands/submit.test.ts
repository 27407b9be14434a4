// Regression (hostile-input issue, point 10): a refused report printed "[object Object]" because
// the report API answers {error: {code, message}}. The reason must reach the user in words.
import { describe, expect, test } from 'vitest';
import { refusalReason } from './submit.ts';

describe('submit prints the server reason for a refused report', () => {
  test('the report API shape: code and message', () => {
    const reason = refusalReason({ error: { code: 'unsupported_media_type', message: 'send JSON {"url": ...}' } });
    expect(reason).toBe('unsupported_media_type: send JSON {"url": ...}');
    expect(reason).not.toContain('[object Object]');
  });

  test('a TAXII error body and a bare string', () => {
    expect(refusalReason({ title: 'Bad request', description: 'the id is not a STIX id' })).toBe(
      'the id is not a STIX id',
    );
    expect(refusalReason({ error: 'too_large', message: 'over 25 MiB' })).toBe('too_large: over 25 MiB');
  });

  test('an empty body still says something', () => {
    expect(refusalReason({})).toBe('no reason given');
  });
});

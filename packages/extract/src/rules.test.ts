// Every declared indicator rule, run on its own examples: what it must drop (with its id as the
// reason) and the counter-examples it must not reach.
import { describe, expect, test } from 'vitest';
import { extract } from './extract.ts';
import { plainDocument } from './plain-document.ts';
import { VETO_RULES, type VetoRule } from './rules.ts';

const rules = Object.entries(VETO_RULES as Record<string, VetoRule>).map(([id, rule]) => ({ id, ...rule }));

describe.each(rules)('rule $id', (rule) => {
  test('has examples of its own, or says why not', () => {
    expect(rule.drops.length > 0 || (rule.why ?? '').length > 0).toBe(true);
  });
  test.each(rule.drops)('drops $value in: $text', ({ text, value }) => {
    const result = extract(plainDocument(text));
    const dropped = result.dropped?.find((d) => d.value === value);
    expect(dropped?.reasons).toContain(rule.id);
    // Dropped as this type: the same text may still be a finding of another type (a handle).
    expect(result.findings.some((f) => f.value === value && f.type === dropped?.type)).toBe(false);
  });
  test.each(rule.keeps)('keeps $value in: $text', ({ text, value }) => {
    expect(extract(plainDocument(text)).findings.map((f) => f.value)).toContain(value);
  });
});

import { describe, expect, test } from 'vitest';
import {
  buildBundle,
  buildIndicator,
  buildRelationship,
  buildReport,
  buildSco,
  buildSdo,
  parseBundle,
} from './builders.ts';
import { STIXMILL_IDENTITY } from './extensions.ts';
import { sdoId } from './ids.ts';
import { equalsPattern, stringLiteral } from './pattern.ts';
import { reviseBundle, type StixBundleLike } from './revise.ts';
import { TLP_MARKINGS, TLP2_EXTENSION_DEFINITION } from './tlp.ts';

const T0 = '2026-01-10T09:00:00.000Z';
const signed = {
  created_by_ref: STIXMILL_IDENTITY.id,
  created: T0,
  modified: T0,
  object_marking_refs: [TLP_MARKINGS.green.id],
};

/** A small report as the exporter makes them: two observables with indicators, a family, a group using it. */
function reportBundle(): StixBundleLike {
  const domains = ['quillgate-hire.example', 'tarnwick-jobs.example'].map((value) =>
    buildSco('domain-name', { value, object_marking_refs: [TLP_MARKINGS.green.id] }),
  );
  const indicators = domains.map((d) =>
    buildIndicator({
      ...signed,
      name: `Domain: ${d.value}`,
      pattern: equalsPattern('domain-name', ['value'], stringLiteral(d.value)),
      valid_from: T0,
    }),
  );
  const basedOn = indicators.map((i, n) =>
    buildRelationship({ ...signed, relationship_type: 'based-on', source_ref: i.id, target_ref: domains[n]?.id ?? '' }),
  );
  const malware = buildSdo('malware', {
    ...signed,
    id: sdoId('malware', 'Brassmoth', signed.created_by_ref) as never,
    name: 'Brassmoth',
    is_family: true,
  });
  const group = buildSdo('intrusion-set', {
    ...signed,
    id: sdoId('intrusion-set', 'Quill Spider', signed.created_by_ref) as never,
    name: 'Quill Spider',
  });
  const uses = buildRelationship({
    ...signed,
    relationship_type: 'uses',
    source_ref: group.id,
    target_ref: malware.id,
  });
  const findings = [...domains, ...indicators, ...basedOn, malware, group, uses];
  const report = buildReport(
    {
      ...signed,
      name: 'Quill Spider hiring lures',
      published: T0,
      object_refs: [STIXMILL_IDENTITY.id, ...findings.map((o) => o.id)],
    },
    { source: 'file:lures.txt', sha256: 'c'.repeat(64) },
  );
  return buildBundle('bundle--00000000-0000-4000-8000-000000000001', [
    TLP_MARKINGS.green,
    TLP_MARKINGS.clear,
    TLP2_EXTENSION_DEFINITION,
    STIXMILL_IDENTITY,
    report,
    ...findings,
  ]) as unknown as StixBundleLike;
}

const byType = (b: StixBundleLike, type: string) => b.objects.filter((o) => o.type === type);

describe('reviseBundle', () => {
  const original = reportBundle();
  const indicator = byType(original, 'indicator')[0];
  const malware = byType(original, 'malware')[0];
  const now = new Date('2026-01-11T12:00:00.000Z');
  const revised = reviseBundle(original, {
    reject: [indicator?.id ?? '', malware?.id ?? ''],
    add: [
      { type: 'domain-name', value: 'brassmoth-cdn.example', sentence: 'payloads came from brassmoth-cdn.example' },
      { type: 'tool', value: 'Rclone' },
    ],
    analyst: 'Dana Reviewer',
    now,
  });
  const ids = new Set(revised.bundle.objects.map((o) => o.id));

  test('a rejected indicator takes its observable and their relationship; a rejected family its relationships', () => {
    expect(byType(revised.bundle, 'indicator').map((o) => o.name)).toEqual([
      'Domain: tarnwick-jobs.example',
      'domain-name: brassmoth-cdn.example',
    ]);
    expect(
      byType(revised.bundle, 'domain-name')
        .map((o) => o.value)
        .sort(),
    ).toEqual(['brassmoth-cdn.example', 'tarnwick-jobs.example']);
    expect(byType(revised.bundle, 'malware')).toEqual([]);
    expect(byType(revised.bundle, 'relationship').some((r) => r.relationship_type === 'uses')).toBe(false);
    expect(byType(revised.bundle, 'intrusion-set')).toHaveLength(1);
  });

  test("the analyst's additions are created by the analyst's identity", () => {
    const analyst = byType(revised.bundle, 'identity').find((o) => o.name === 'Dana Reviewer');
    expect(analyst).toBeDefined();
    const tool = byType(revised.bundle, 'tool')[0];
    expect(tool).toMatchObject({
      name: 'Rclone',
      created_by_ref: analyst?.id,
      object_marking_refs: [TLP_MARKINGS.green.id],
    });
    const added = byType(revised.bundle, 'indicator').find((o) => String(o.name).includes('brassmoth-cdn'));
    expect(added?.description).toContain('payloads came from brassmoth-cdn.example');
  });

  test('the report is a new version that refers to exactly what remains, with a note saying what changed', () => {
    const report = byType(revised.bundle, 'report')[0];
    expect(report?.id).toBe(byType(original, 'report')[0]?.id);
    expect(report?.modified).toBe(now.toISOString());
    expect(report?.created).toBe(T0);
    for (const ref of (report?.object_refs ?? []) as string[]) expect(ids.has(ref), ref).toBe(true);
    const note = byType(revised.bundle, 'note')[0];
    expect(note).toMatchObject({ abstract: 'Reviewed by Dana Reviewer', object_refs: [report?.id] });
    expect(note?.content).toContain('Rejected: Domain: quillgate-hire.example; Brassmoth.');
    expect(note?.content).toContain('Added: domain-name brassmoth-cdn.example; tool Rclone.');
  });

  test('objects already published get a revoked later version; observables have no versions to revoke', () => {
    expect(revised.revoked.map((o) => o.type).sort()).toEqual(['indicator', 'malware', 'relationship', 'relationship']);
    for (const o of revised.revoked) expect(o).toMatchObject({ revoked: true, modified: now.toISOString() });
  });

  test('the revised bundle is valid STIX 2.1', () => {
    expect(() => parseBundle(revised.bundle)).not.toThrow();
  });

  test('an id not in the report, or the report itself, cannot be rejected', () => {
    const base = { add: [], analyst: 'Dana Reviewer', now };
    expect(() =>
      reviseBundle(original, { ...base, reject: ['malware--00000000-0000-4000-8000-00000000dead'] }),
    ).toThrow(/no object/);
    expect(() => reviseBundle(original, { ...base, reject: [byType(original, 'report')[0]?.id ?? ''] })).toThrow(
      /report itself/,
    );
  });
});

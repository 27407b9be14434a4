import { DEAD_LETTER_TOPICS, TOPICS } from '@stixmill/contracts';
import { describe, expect, test } from 'vitest';
import { DEAD_LETTER_SETTINGS, physicalTopic, TOPIC_SETTINGS, topicDefinitions } from './kafka-topics.ts';

describe('kafka topic definitions', () => {
  test('cover every topic and dead-letter topic of the contracts, once', () => {
    const names = topicDefinitions().map((d) => d.topic);
    expect(names).toEqual([...TOPICS, ...DEAD_LETTER_TOPICS]);
  });

  test.each([
    { label: 'no namespace', namespace: undefined, expected: 'reports.submitted.dlq' },
    { label: 'a namespace', namespace: 'staging', expected: 'staging.reports.submitted.dlq' },
  ])('physical name with $label', ({ namespace, expected }) => {
    expect(physicalTopic('reports.submitted.dlq', namespace)).toBe(expected);
    expect(topicDefinitions(namespace ? { namespace } : {}).map((d) => d.topic)).toContain(expected);
  });

  test('a dead-letter topic accepts any message its source topic accepted, escaped in JSON', () => {
    for (const settings of Object.values(TOPIC_SETTINGS)) {
      expect(DEAD_LETTER_SETTINGS.maxMessageBytes).toBeGreaterThan(2 * settings.maxMessageBytes);
    }
  });

  test('limits reach the broker as topic configs; overrides apply to every topic', () => {
    const [first] = topicDefinitions({ partitions: 2, replicationFactor: 3 });
    expect(first).toEqual({
      topic: 'reports.submitted',
      numPartitions: 2,
      replicationFactor: 3,
      configEntries: [
        { name: 'retention.ms', value: String(TOPIC_SETTINGS['reports.submitted'].retentionMs) },
        { name: 'max.message.bytes', value: String(TOPIC_SETTINGS['reports.submitted'].maxMessageBytes) },
      ],
    });
  });
});

import { createRequire } from 'node:module';

// A raw Kafka client for cross-service tests (produce bytes no service would, inspect groups,
// delete a test's topics). kafkajs is a dependency of @stixmill/bus, not of the workspace root, so
// it is loaded the way that package resolves it, with the few types the tests use.

export interface RawAdmin {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  listGroups(): Promise<{ groups: { groupId: string }[] }>;
  deleteGroups(groupIds: string[]): Promise<unknown>;
  deleteTopics(options: { topics: string[] }): Promise<void>;
  fetchOffsets(options: {
    groupId: string;
    topics: string[];
  }): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>;
}

export interface RawProducer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  send(record: { topic: string; messages: { key: string | null; value: string | Buffer }[] }): Promise<unknown>;
}

export interface RawKafka {
  admin(): RawAdmin;
  producer(options?: { allowAutoTopicCreation?: boolean }): RawProducer;
}

interface KafkaJs {
  Kafka: new (config: { clientId: string; brokers: string[]; logLevel: number }) => RawKafka;
  logLevel: { NOTHING: number };
}

const kafkajs = createRequire(new URL('../../packages/bus/package.json', import.meta.url))('kafkajs') as KafkaJs;

export function rawKafka(brokers: string[], clientId = 'stixmill-test'): RawKafka {
  return new kafkajs.Kafka({ clientId, brokers, logLevel: kafkajs.logLevel.NOTHING });
}

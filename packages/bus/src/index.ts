export * from './bus.ts';
export { backoffMs, type Delivery, DeliveryAborted, type DeliveryOptions, deliver } from './delivery.ts';
export { consumerGroupId, createKafkaBus, type KafkaBus, type KafkaBusOptions } from './kafka.ts';
export { type ReplayRequest, type ReplayResult, sourceTopicOf } from './kafka-replay.ts';
export {
  DEAD_LETTER_SETTINGS,
  ensureTopics,
  physicalTopic,
  TOPIC_SETTINGS,
  type TopicDefinition,
  type TopicDefinitionOptions,
  type TopicSettings,
  topicDefinitions,
} from './kafka-topics.ts';
export { createMemoryBus, type MemoryBus, type MemoryBusOptions, partitionOf } from './memory.ts';
export * from './stage-runner.ts';

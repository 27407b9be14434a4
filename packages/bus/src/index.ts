export * from './bus.ts';
export { backoffMs, type Delivery, DeliveryAborted, type DeliveryOptions, deliver } from './delivery.ts';
export { createMemoryBus, type MemoryBus, type MemoryBusOptions, partitionOf } from './memory.ts';
export * from './stage-runner.ts';

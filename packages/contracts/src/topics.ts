// The topics that join the services. This file is the only place a topic name is spelled.
export const TOPICS = [
  'reports.submitted',
  'documents.fetched',
  'documents.parsed',
  'findings.extracted',
  'stix.bundles',
] as const;

export type Topic = (typeof TOPICS)[number];

/** Where a failed message of a topic goes, with the reason. */
export type DeadLetterTopic = `${Topic}.dlq`;

export function deadLetterTopic(topic: Topic): DeadLetterTopic {
  return `${topic}.dlq`;
}

export const DEAD_LETTER_TOPICS: readonly DeadLetterTopic[] = TOPICS.map(deadLetterTopic);

export function isTopic(name: string): name is Topic {
  return (TOPICS as readonly string[]).includes(name);
}

/** The stage a report reaches when a message on the topic is published. */
export const STAGE_OF_TOPIC = {
  'reports.submitted': 'submitted',
  'documents.fetched': 'fetched',
  'documents.parsed': 'parsed',
  'findings.extracted': 'extracted',
  'stix.bundles': 'exported',
} as const satisfies Record<Topic, string>;

/** The service that consumes each topic (and so names the stage that fails on it). */
export const CONSUMER_OF_TOPIC = {
  'reports.submitted': 'fetcher',
  'documents.fetched': 'parser',
  'documents.parsed': 'extractor',
  'findings.extracted': 'exporter',
  'stix.bundles': 'taxii',
} as const satisfies Record<Topic, string>;

export type ServiceName = (typeof CONSUMER_OF_TOPIC)[Topic];
export const SERVICE_NAMES = Object.values(CONSUMER_OF_TOPIC) as readonly ServiceName[];

export const REPORT_STAGES = ['submitted', 'fetched', 'parsed', 'extracted', 'exported', 'stored', 'failed'] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];

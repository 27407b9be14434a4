// The topics that join the services. This file is the only place a topic name is spelled.
export const TOPICS = [
  'reports.submitted',
  'documents.fetched',
  'documents.parsed',
  'findings.extracted',
  'stix.bundles',
  'reports.status',
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

/**
 * The stage a report reaches when a message on the topic is published. `null`: the message names
 * the stage itself (a `reports.status` message, e.g. `duplicate`); see `reportStageOf`.
 */
export const STAGE_OF_TOPIC = {
  'reports.submitted': 'submitted',
  'documents.fetched': 'fetched',
  'documents.parsed': 'parsed',
  'findings.extracted': 'extracted',
  'stix.bundles': 'exported',
  'reports.status': null,
} as const satisfies Record<Topic, ReportStage | null>;

/** The service that consumes each topic (and so names the stage that fails on it). */
export const CONSUMER_OF_TOPIC = {
  'reports.submitted': 'fetcher',
  'documents.fetched': 'parser',
  'documents.parsed': 'extractor',
  'findings.extracted': 'exporter',
  'stix.bundles': 'taxii',
  // Read by the report ledger (the tracker), which runs in the taxii process.
  'reports.status': 'taxii',
} as const satisfies Record<Topic, string>;

export type ServiceName = (typeof CONSUMER_OF_TOPIC)[Topic];
export const SERVICE_NAMES = [...new Set(Object.values(CONSUMER_OF_TOPIC))] as readonly ServiceName[];

export const REPORT_STAGES = [
  'submitted',
  'fetched',
  'parsed',
  'extracted',
  'exported',
  'stored',
  'failed',
  'duplicate',
] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];

/**
 * Stages a report never leaves: its bundle is stored, it failed, or a stage found it is the same
 * document as an earlier report (`duplicate`, not a failure: the earlier report's objects stand).
 */
export const FINAL_STAGES = ['stored', 'failed', 'duplicate'] as const satisfies readonly ReportStage[];

export function isFinalStage(stage: ReportStage): boolean {
  return (FINAL_STAGES as readonly ReportStage[]).includes(stage);
}

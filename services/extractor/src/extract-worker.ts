import type { ParsedDocument } from '@stixmill/contracts';
import { extract } from '@stixmill/extract';
import { serveTasks } from '@stixmill/workers';

// The worker thread's entry: runs the extractor on documents handed over by the pool (workers.ts).

serveTasks((document: ParsedDocument) => extract(document));

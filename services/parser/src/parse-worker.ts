import { serveTasks } from '@stixmill/workers';
import { parseDocument } from './parse.ts';
import type { DocumentOrigin } from './types.ts';

// The worker thread's entry: parses documents handed over by the pool (see workers.ts).

serveTasks((input: { bytes: Uint8Array; origin: DocumentOrigin }) => parseDocument(input.bytes, input.origin));

// extract(document): every indicator and named entity a careful analyst would list, with
// evidence. Pure and synchronous: the gazetteer is loaded once at module load.
import type { Findings, ParsedDocument } from '@stixmill/contracts';
import { createCollector } from './collector.ts';
import { extractEntities } from './entities/index.ts';
import { extractObservables } from './observables.ts';
import { addRelations } from './relations.ts';
import { addStixBundle } from './stix-input.ts';
import { createTextView } from './text/view.ts';

export function extract(document: ParsedDocument): Findings {
  const view = createTextView(document);
  const out = createCollector(view);
  // A STIX bundle is intelligence already: its objects are taken as they are, not read as prose.
  if (addStixBundle(document.text, out))
    return { findings: out.findings(), relations: out.relations(), dropped: out.dropped() };
  extractObservables(document, view, out);
  extractEntities(document, view, out);
  addRelations(view, out);
  return { findings: out.findings(), relations: out.relations(), dropped: out.dropped() };
}

import { useEffect, useState } from 'preact/hooks';
import {
  ADDABLE_TYPES,
  type Bundle,
  bundleUrl,
  type Evidence,
  getBundle,
  getReport,
  publishReport,
  type Report,
  type ReviewRequest,
  reviewReport,
  type StixObject,
} from './api.ts';
import { Graph } from './graph.tsx';
import { useReports } from './reports.tsx';

/** How the review groups a report's objects, in the order an analyst reads them. */
const GROUPS: ReadonlyArray<{ title: string; types: readonly string[] }> = [
  { title: 'Indicators', types: ['indicator'] },
  { title: 'Wallets', types: ['cryptocurrency-wallet'] },
  { title: 'Accounts', types: ['user-account', 'email-addr'] },
  { title: 'Network', types: ['domain-name', 'url', 'ipv4-addr', 'ipv6-addr', 'autonomous-system'] },
  { title: 'Files and vulnerabilities', types: ['file', 'vulnerability'] },
  { title: 'Actors and personas', types: ['threat-actor', 'intrusion-set'] },
  { title: 'Malware and tools', types: ['malware', 'tool'] },
  { title: 'Victims and organisations', types: ['identity'] },
  { title: 'Locations', types: ['location'] },
  { title: 'Techniques and campaigns', types: ['attack-pattern', 'campaign', 'infrastructure'] },
];
/** Objects that describe the report itself, not findings. */
const FRAME = new Set(['report', 'marking-definition', 'extension-definition', 'relationship', 'note']);

/** What an analyst calls the object: its name or value, a file by its first hash. */
function label(o: StixObject): string {
  const hashes = o.hashes as Record<string, string> | undefined;
  return o.name ?? o.value ?? o.pattern ?? (hashes ? Object.values(hashes)[0] : undefined) ?? o.id;
}

/** The sentence with the finding's own text marked, where the sentence holds it. */
function Sentence({ evidence, value }: { evidence: Evidence; value: string }) {
  const at = evidence.sentence.toLowerCase().indexOf(value.toLowerCase());
  if (!value || at < 0) return <q>{evidence.sentence}</q>;
  return (
    <q>
      {evidence.sentence.slice(0, at)}
      <mark>{evidence.sentence.slice(at, at + value.length)}</mark>
      {evidence.sentence.slice(at + value.length)}
    </q>
  );
}

function Finding({ object, rejected, onToggle }: { object: StixObject; rejected: boolean; onToggle: () => void }) {
  const evidence = object.x_stixmill_evidence ?? [];
  const reasons = [...new Set(evidence.flatMap((e) => e.reasons ?? []))];
  const value = String(object.value ?? object.name ?? '');
  return (
    <li class={`finding${rejected ? ' rejected' : ''}`} data-type={object.type} data-value={label(object)}>
      <div class="finding-head">
        <strong>{label(object)}</strong> <span class="type">{object.type}</span>
        {object.confidence !== undefined && <span class="confidence">confidence {object.confidence}</span>}
        <button type="button" class="reject" aria-pressed={rejected} onClick={onToggle}>
          {rejected ? 'Keep' : 'Reject'}
        </button>
      </div>
      {object.aliases && object.aliases.length > 0 && (
        <div class="aliases">also: {object.aliases.slice(0, 12).join(', ')}</div>
      )}
      {reasons.length > 0 && <div class="reasons">kept because: {reasons.join(', ')}</div>}
      {evidence.slice(0, 3).map((e) => (
        <blockquote key={`${e.start}-${e.end}-${e.sentence}`}>
          <Sentence evidence={e} value={value} />
        </blockquote>
      ))}
    </li>
  );
}

/** A finding the extractor missed: typed, or taken from text selected in an evidence sentence. */
function AddFinding({ onAdd }: { onAdd: (a: ReviewRequest['add'][number]) => void }) {
  const [type, setType] = useState<string>('domain-name');
  const [value, setValue] = useState('');
  const [sentence, setSentence] = useState<string | undefined>();
  function fromSelection() {
    const selection = getSelection();
    const text = selection?.toString().trim() ?? '';
    if (!text) return;
    setValue(text);
    setSentence(selection?.anchorNode?.parentElement?.closest('q')?.textContent ?? undefined);
  }
  return (
    <form
      class="add-finding"
      onSubmit={(e) => {
        e.preventDefault();
        if (!value.trim()) return;
        onAdd({ type, value: value.trim(), ...(sentence ? { sentence } : {}) });
        setValue('');
        setSentence(undefined);
      }}
    >
      <label>
        Add a finding{' '}
        <select value={type} onChange={(e) => setType((e.target as HTMLSelectElement).value)}>
          {ADDABLE_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <input
        aria-label="Value or name"
        value={value}
        onInput={(e) => setValue((e.target as HTMLInputElement).value)}
        placeholder="select text in a sentence, or type"
      />
      <button type="button" onClick={fromSelection}>
        Use the selected text
      </button>
      <button type="submit">Add</button>
    </form>
  );
}

function Relations({ bundle }: { bundle: Bundle }) {
  const byId = new Map(bundle.objects.map((o) => [o.id, o]));
  const relations = bundle.objects.filter((o) => o.type === 'relationship');
  if (relations.length === 0) return null;
  return (
    <section aria-labelledby="relations-title">
      <h2 id="relations-title">Relations ({relations.length})</h2>
      <ul class="relations">
        {relations.map((r) => {
          const source = byId.get(r.source_ref ?? '');
          const target = byId.get(r.target_ref ?? '');
          return (
            <li key={r.id}>
              {source ? label(source) : r.source_ref} <em>{r.relationship_type}</em>{' '}
              {target ? label(target) : r.target_ref}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** A review in progress kept in this browser, or an empty one. */
function readDraft(key: string): ReviewRequest {
  try {
    const saved = JSON.parse(localStorage.getItem(key) ?? 'null') as ReviewRequest | null;
    if (saved && Array.isArray(saved.reject) && Array.isArray(saved.add)) return saved;
  } catch {
    // A draft that does not parse is no draft.
  }
  return { reject: [], add: [] };
}

export function ReviewView({ id }: { id: string }) {
  const live = useReports().reports.find((r) => r.id === id);
  const [loaded, setLoaded] = useState<Report | undefined>();
  const [bundle, setBundle] = useState<Bundle | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [publishing, setPublishing] = useState(false);
  // The review in progress survives a closed tab: it is kept in this browser until saved.
  const draftKey = `stixmill.review.${id}`;
  const draft = readDraft(draftKey);
  const [rejected, setRejected] = useState<Set<string>>(new Set(draft.reject));
  const [additions, setAdditions] = useState<ReviewRequest['add']>(draft.add);
  useEffect(() => {
    if (rejected.size === 0 && additions.length === 0) localStorage.removeItem(draftKey);
    else localStorage.setItem(draftKey, JSON.stringify({ reject: [...rejected], add: additions }));
  }, [rejected, additions, draftKey]);
  const [saved, setSaved] = useState<string | undefined>();
  const report = live ?? loaded;

  function toggle(id: string) {
    const next = new Set(rejected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setRejected(next);
  }

  async function saveReview() {
    try {
      const result = await reviewReport(id, { reject: [...rejected], add: additions });
      setSaved(
        `Saved: ${result.rejected.length} rejected, ${result.added.length} added${result.published ? ', published at once' : ''}.`,
      );
      setRejected(new Set());
      setAdditions([]);
      setBundle(await getBundle(id));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  useEffect(() => {
    getReport(id).then(setLoaded, (e: Error) => setError(e.message));
  }, [id]);
  useEffect(() => {
    if (report?.stage === 'stored' && !bundle) getBundle(id).then(setBundle, (e: Error) => setError(e.message));
  }, [report?.stage, id]);

  async function publish() {
    setPublishing(true);
    try {
      const result = await publishReport(id);
      setLoaded({ ...(report as Report), ...(result.published ? { published: result.published } : {}) });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPublishing(false);
    }
  }

  if (!report) return <p role="alert">{error ?? 'Loading...'}</p>;
  // The producer's own identity (every object's created_by_ref) is no finding of the report.
  const producers = new Set((bundle?.objects ?? []).map((o) => o.created_by_ref).filter(Boolean));
  const findings = (bundle?.objects ?? []).filter((o) => !FRAME.has(o.type) && !producers.has(o.id));
  return (
    <section aria-labelledby="review-title">
      <h1 id="review-title">Review {report.id}</h1>
      <dl class="summary">
        <dt>Source</dt>
        <dd>{report.source ?? ''}</dd>
        <dt>Stage</dt>
        <dd data-stage={report.stage}>{report.stage}</dd>
        <dt>TLP</dt>
        <dd>TLP:{report.tlp.toUpperCase()}</dd>
        <dt>Published</dt>
        <dd data-published={report.published ? 'yes' : 'no'}>
          {report.published ? `${report.published.at} by ${report.published.by}` : 'not yet: the feed holds none of it'}
        </dd>
      </dl>
      {report.error && (
        <p role="alert">
          Failed at {report.error.stage}: {report.error.message}
        </p>
      )}
      {error && <p role="alert">{error}</p>}
      {report.stage === 'stored' && (
        <div class="actions">
          <a class="button" href={bundleUrl(id)} download>
            Download the STIX bundle
          </a>
          {!report.published && (
            <button type="button" onClick={publish} disabled={publishing}>
              {publishing ? 'Publishing...' : 'Publish to the feed'}
            </button>
          )}
        </div>
      )}
      {bundle && (
        <section class="review-edit" aria-label="Review">
          <AddFinding onAdd={(a) => setAdditions([...additions, a])} />
          {additions.length > 0 && (
            <ul class="additions">
              {additions.map((a) => (
                <li key={`${a.type}:${a.value}`}>
                  to add: {a.type} {a.value}
                </li>
              ))}
            </ul>
          )}
          <button type="button" onClick={saveReview} disabled={rejected.size === 0 && additions.length === 0}>
            Save the review ({rejected.size} rejected, {additions.length} added)
          </button>
          {saved && <p role="status">{saved}</p>}
        </section>
      )}
      {bundle &&
        GROUPS.map((g) => {
          const members = findings.filter((o) => g.types.includes(o.type));
          if (members.length === 0) return null;
          return (
            <section key={g.title} aria-label={g.title}>
              <h2>
                {g.title} ({members.length})
              </h2>
              <ul class="findings">
                {members.map((o) => (
                  <Finding key={o.id} object={o} rejected={rejected.has(o.id)} onToggle={() => toggle(o.id)} />
                ))}
              </ul>
            </section>
          );
        })}
      {bundle && <Graph bundle={bundle} label={label} />}
      {bundle && <Relations bundle={bundle} />}
    </section>
  );
}

import { useState } from 'preact/hooks';
import { type Submitted, submitFile, submitUrl, UPLOAD_TYPES } from './api.ts';

const TLPS = ['clear', 'green', 'amber', 'amber+strict', 'red'];

interface Outcome {
  what: string;
  result?: Submitted;
  error?: string;
}

/** Paste URLs (one per line) or drop documents; each becomes a report, its outcome shown in words. */
export function SubmitView() {
  const [urls, setUrls] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [tlp, setTlp] = useState('clear');
  const [labels, setLabels] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);

  async function send(event: Event) {
    event.preventDefault();
    setBusy(true);
    const labelList = labels
      .split(',')
      .map((l) => l.trim())
      .filter(Boolean);
    const jobs: Array<[string, () => Promise<Submitted>]> = [
      ...urls
        .split(/\s+/)
        .map((u) => u.trim())
        .filter(Boolean)
        .map((u): [string, () => Promise<Submitted>] => [u, () => submitUrl(u, tlp, labelList)]),
      ...files.map((f): [string, () => Promise<Submitted>] => [f.name, () => submitFile(f, tlp, labelList)]),
    ];
    const done: Outcome[] = [];
    for (const [what, job] of jobs) {
      try {
        done.push({ what, result: await job() });
      } catch (error) {
        done.push({ what, error: (error as Error).message });
      }
      setOutcomes([...done]);
    }
    setBusy(false);
    if (done.every((o) => o.result)) {
      setUrls('');
      setFiles([]);
    }
  }

  function dropped(event: DragEvent) {
    event.preventDefault();
    setFiles([...files, ...Array.from(event.dataTransfer?.files ?? [])]);
  }

  return (
    <section aria-labelledby="submit-title">
      <h1 id="submit-title">Submit reports</h1>
      <form onSubmit={send}>
        <label for="urls">Report URLs, one per line</label>
        <textarea
          id="urls"
          name="urls"
          rows={5}
          value={urls}
          onInput={(e) => setUrls((e.target as HTMLTextAreaElement).value)}
          placeholder="https://www.justice.gov/opa/pr/..."
        />
        <label for="files">Or documents ({Object.keys(UPLOAD_TYPES).join(', ')})</label>
        {/* Dropping is a shortcut; the file input inside is the keyboard way. */}
        <fieldset class="drop" onDragOver={(e) => e.preventDefault()} onDrop={dropped}>
          <input
            id="files"
            type="file"
            multiple
            onChange={(e) => setFiles([...files, ...Array.from((e.target as HTMLInputElement).files ?? [])])}
          />
          <span>{files.length ? files.map((f) => f.name).join(', ') : 'or drop files here'}</span>
        </fieldset>
        <div class="row">
          <label>
            TLP{' '}
            <select value={tlp} onChange={(e) => setTlp((e.target as HTMLSelectElement).value)}>
              {TLPS.map((t) => (
                <option key={t} value={t}>
                  TLP:{t.toUpperCase()}
                </option>
              ))}
            </select>
          </label>
          <label>
            Labels{' '}
            <input
              value={labels}
              onInput={(e) => setLabels((e.target as HTMLInputElement).value)}
              placeholder="dprk, it-workers"
            />
          </label>
        </div>
        <button type="submit" disabled={busy || (!urls.trim() && files.length === 0)}>
          {busy ? 'Submitting...' : 'Submit'}
        </button>
      </form>
      {outcomes.length > 0 && (
        <ul class="outcomes" aria-live="polite">
          {outcomes.map((o) => (
            <li key={o.what} class={o.error ? 'error' : 'ok'}>
              {o.what}:{' '}
              {o.result ? (
                <a href={`#/reports/${encodeURIComponent(o.result.reportId)}`}>{o.result.reportId}</a>
              ) : (
                o.error
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

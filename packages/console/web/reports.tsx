import { useEffect, useState } from 'preact/hooks';
import type { Report } from './api.ts';

/** The stages a report moves through, in order, for the progress column. */
export const STAGES = ['submitted', 'fetched', 'parsed', 'extracted', 'exported', 'stored'];

/** Reports as the server streams them (one EventSource, no polling): the newest first. */
export function useReports(): { reports: Report[]; connected: boolean } {
  const [reports, setReports] = useState<Map<string, Report>>(new Map());
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const source = new EventSource('/api/reports/events');
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener('report', (event) => {
      const report = JSON.parse((event as MessageEvent<string>).data) as Report;
      setReports((previous) => new Map(previous).set(report.id, report));
    });
    return () => source.close();
  }, []);
  const sorted = [...reports.values()].sort((a, b) => b.created.localeCompare(a.created));
  return { reports: sorted, connected };
}

function seconds(report: Report): string {
  const end = report.stages.stored ?? report.updated;
  const took = (Date.parse(end) - Date.parse(report.created)) / 1000;
  return Number.isFinite(took) ? `${took.toFixed(1)} s` : '';
}

function StageCell({ report }: { report: Report }) {
  if (report.stage === 'failed')
    return (
      <span class="stage failed" title={report.error?.code}>
        failed at {report.error?.stage ?? 'a stage'}: {report.error?.message}
      </span>
    );
  if (report.stage === 'duplicate')
    return (
      <span class="stage duplicate">
        duplicate of{' '}
        {report.duplicateOf ? (
          <a href={`#/reports/${encodeURIComponent(report.duplicateOf)}`}>{report.duplicateOf}</a>
        ) : (
          'an earlier report'
        )}
      </span>
    );
  const reached = STAGES.indexOf(report.stage);
  return (
    <span class={`stage ${report.stage}`}>
      <progress max={STAGES.length - 1} value={reached} aria-label={`stage ${report.stage}`} /> {report.stage}
      {report.stage === 'stored' && !report.published ? ' (waits for review)' : ''}
    </span>
  );
}

export function ReportsView() {
  const { reports, connected } = useReports();
  return (
    <section aria-labelledby="reports-title">
      <h1 id="reports-title">Reports</h1>
      <p class="muted" role="status">
        {connected ? 'Live: changes appear as they happen.' : 'Connecting to the server...'}
      </p>
      {reports.length === 0 ? (
        <p>
          No reports yet. <a href="#/submit">Submit one.</a>
        </p>
      ) : (
        <table class="reports">
          <thead>
            <tr>
              <th scope="col">Report</th>
              <th scope="col">Source</th>
              <th scope="col">TLP</th>
              <th scope="col">Stage</th>
              <th scope="col">Objects</th>
              <th scope="col">Time</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => (
              <tr key={r.id} data-report={r.id} data-stage={r.stage}>
                <td>
                  <a href={`#/reports/${encodeURIComponent(r.id)}`}>{r.id}</a>
                </td>
                <td class="source">{r.source ?? ''}</td>
                <td>
                  <span class={`tlp tlp-${r.tlp}`}>TLP:{r.tlp.toUpperCase()}</span>
                </td>
                <td>
                  <StageCell report={r} />
                </td>
                <td>{r.counts.objects ?? ''}</td>
                <td>{seconds(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

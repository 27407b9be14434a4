import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ReportsView } from './reports.tsx';
import { ReviewView } from './review.tsx';
import { SubmitView } from './submit.tsx';

/** The view the location's hash names: #/submit, #/reports, #/reports/ID. */
function useRoute(): string {
  const [hash, setHash] = useState(location.hash || '#/reports');
  useEffect(() => {
    const changed = () => setHash(location.hash || '#/reports');
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return hash;
}

function App() {
  const route = useRoute();
  const review = /^#\/reports\/(.+)$/.exec(route)?.[1];
  return (
    <>
      <header>
        <a class="brand" href="#/reports">
          stixmill
        </a>
        <nav aria-label="Main">
          <a href="#/submit" aria-current={route === '#/submit' ? 'page' : undefined}>
            Submit
          </a>
          <a href="#/reports" aria-current={route === '#/reports' ? 'page' : undefined}>
            Reports
          </a>
          <a href="/taxii2/">TAXII</a>
        </nav>
      </header>
      <main>
        {review ? (
          <ReviewView id={decodeURIComponent(review)} />
        ) : route === '#/submit' ? (
          <SubmitView />
        ) : (
          <ReportsView />
        )}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);

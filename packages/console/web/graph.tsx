import type { Bundle, StixObject } from './api.ts';

// The report's objects and relationships as a picture: one column per kind of object (actors,
// their software, the infrastructure they used, victims and places), a line per relationship.
// The relations list below it says the same in words, for the keyboard and screen readers.

const COLUMNS: ReadonlyArray<{ title: string; types: readonly string[] }> = [
  { title: 'Actors', types: ['threat-actor', 'intrusion-set', 'campaign'] },
  { title: 'Software and techniques', types: ['malware', 'tool', 'attack-pattern', 'vulnerability'] },
  { title: 'Indicators', types: ['indicator'] },
  {
    title: 'Observables',
    types: [
      'domain-name',
      'url',
      'ipv4-addr',
      'ipv6-addr',
      'email-addr',
      'file',
      'cryptocurrency-wallet',
      'user-account',
    ],
  },
  { title: 'Victims and places', types: ['identity', 'location', 'infrastructure'] },
];
const WIDTH = 1180;
const ROW = 26;
const MAX_PER_COLUMN = 40;

export function Graph({ bundle, label }: { bundle: Bundle; label: (o: StixObject) => string }) {
  const relations = bundle.objects.filter((o) => o.type === 'relationship');
  const linked = new Set(relations.flatMap((r) => [r.source_ref, r.target_ref]));
  const columnWidth = WIDTH / COLUMNS.length;
  const place = new Map<string, { x: number; y: number }>();
  const nodes: Array<{ object: StixObject; x: number; y: number; column: number }> = [];
  COLUMNS.forEach((column, c) => {
    const members = bundle.objects
      .filter((o) => column.types.includes(o.type) && linked.has(o.id))
      .slice(0, MAX_PER_COLUMN);
    members.forEach((object, row) => {
      const at = { x: c * columnWidth + 12, y: 48 + row * ROW };
      place.set(object.id, at);
      nodes.push({ object, ...at, column: c });
    });
  });
  if (nodes.length === 0) return null;
  const height = 64 + Math.max(...nodes.map((n) => n.y));
  return (
    <section aria-labelledby="graph-title">
      <h2 id="graph-title">Graph</h2>
      <svg
        class="graph"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-label={`${nodes.length} objects and ${relations.length} relationships; the list below names each`}
      >
        {COLUMNS.map((column, c) => (
          <text key={column.title} class="column" x={c * columnWidth + 12} y={22}>
            {column.title}
          </text>
        ))}
        {relations.map((r) => {
          const from = place.get(r.source_ref ?? '');
          const to = place.get(r.target_ref ?? '');
          if (!from || !to) return null;
          return (
            <line
              key={r.id}
              class={`edge ${r.relationship_type}`}
              x1={from.x + 4}
              y1={from.y - 4}
              x2={to.x + 4}
              y2={to.y - 4}
            >
              <title>{r.relationship_type}</title>
            </line>
          );
        })}
        {nodes.map((n) => (
          <g key={n.object.id} class={`node ${n.object.type}`} data-id={n.object.id}>
            <circle cx={n.x + 4} cy={n.y - 4} r={5} />
            <text x={n.x + 14} y={n.y}>
              {label(n.object).slice(0, 28)}
              <title>
                {n.object.type}: {label(n.object)}
              </title>
            </text>
          </g>
        ))}
      </svg>
    </section>
  );
}

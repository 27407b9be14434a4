// Adversary collectives named by description rather than by a vendor name ("North Korean IT
// workers") and the infrastructure they run ("laptop farm").

export interface GroupHit {
  type: 'threat-actor' | 'infrastructure';
  name: string;
  aliases: string[];
  start: number;
  end: number;
}

const IT_WORKERS =
  /\b(?:DPRK|North Korean?|N\. ?Korean)(?: \(DPRK\))?(?: remote)? (?:IT|information technology) (?:workers?|personnel|teams?|operatives|developers)\b|\bDPRK (?:devs|developers|workers|remote IT workers)\b|\bNorth Korean (?:remote )?developers\b/g;
const IT_WORKER_ALIASES = ['North Korean IT workers', 'DPRK IT worker', 'North Korean IT worker', 'ITW'];
// One farm, singular: "searches at 29 suspected laptop farms" speaks of the practice, not of a
// piece of infrastructure the report can point at.
const LAPTOP_FARM = /\blaptop farm\b/gi;

export function findGroups(text: string): GroupHit[] {
  const out: GroupHit[] = [];
  for (const m of text.matchAll(IT_WORKERS)) {
    out.push({
      type: 'threat-actor',
      name: 'DPRK IT workers',
      aliases: [...IT_WORKER_ALIASES, m[0]],
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  for (const m of text.matchAll(LAPTOP_FARM)) {
    out.push({ type: 'infrastructure', name: 'laptop farm', aliases: [], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

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
// "The DPRK ("DPRK" or "North Korea") sends information technology ("IT") workers abroad": the
// state named as the one that sends them, in the same sentence.
const SENT_WORKERS =
  /\b(?:DPRK|North Korea|Democratic People's Republic of Korea)\b[^.;]{0,80}?\b(?:sends?|sent|dispatch(?:es|ed)?|deploys?|deployed)\s+(?:(?:information technology|IT)\s*(?:\(["“]?IT["”]?\)\s*)?)workers\b/g;
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
  for (const m of text.matchAll(SENT_WORKERS)) {
    const at = m.index + m[0].search(/\b(?:information technology|IT)\s*(?:\(|workers)/);
    out.push({
      type: 'threat-actor',
      name: 'DPRK IT workers',
      aliases: IT_WORKER_ALIASES,
      start: at,
      end: m.index + m[0].length,
    });
  }
  for (const m of text.matchAll(LAPTOP_FARM)) {
    out.push({ type: 'infrastructure', name: 'laptop farm', aliases: [], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

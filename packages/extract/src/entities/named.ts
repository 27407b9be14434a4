// Campaigns the text names itself, not in any catalogue: "Operation Silent Rook", "the Dream
// Harvest campaign". Malware and tools named by the sentence are structure.ts's.

export interface NamedHit {
  type: 'campaign';
  cue: 'campaign-operation' | 'campaign-named';
  name: string;
  start: number;
  end: number;
}

/** A name: one or two capitalised tokens, possibly in markdown emphasis or quotes. */
const NAME = '([A-Z][\\w.-]{2,30}(?: [A-Z][\\w.-]{2,30})?)';
const OPEN = '[*_“"\']{0,2}';

const CAMPAIGN_RULES: readonly RegExp[] = [
  /\b(Operation [A-Z][\w-]{2,30}(?: [A-Z][\w-]{2,30}){0,2})/g,
  new RegExp(`\\bthe ${OPEN}${NAME}${OPEN} (?:campaign|operation)\\b`, 'g'),
];

/**
 * Capitalised words that name a language, platform or origin, not a family: "the Python
 * backdoor", "a Windows loader", "the North Korean malware".
 */
const NOT_A_NAME =
  /^(?:The|This|That|These|Those|Our|Their|Its|New|Same|Python|Windows|Linux|Unix|macOS|MacOS|Mac|Android|iOS|Java|JavaScript|TypeScript|Node|Go|Golang|Rust|PowerShell|VBScript|Delphi|NET|C|Telegram|Discord|GitHub|Chrome|Firefox|Excel|Word|Office|PDF|ZIP|npm|PyPI|North|South|Korean|Chinese|Russian|Iranian|DPRK|Lazarus|Second|First|Stage|Final|Initial|Custom|Modular|Open|Remote|Custom|Unknown|Generic|Malicious|Crypto|Cryptocurrency|Bitcoin|Ethereum)$/;

export function findNamed(text: string): NamedHit[] {
  const out: NamedHit[] = [];
  const collect = (type: NamedHit['type'], rules: readonly RegExp[]) => {
    for (const re of rules) {
      const cue = re === CAMPAIGN_RULES[0] ? 'campaign-operation' : 'campaign-named';
      for (const m of text.matchAll(re)) {
        const name = (m[1] as string).replace(/[.-]+$/, '');
        if (name.split(' ').some((w) => NOT_A_NAME.test(w))) continue;
        const at = m.index + m[0].lastIndexOf(name);
        out.push({ type, cue, name, start: at, end: at + name.length });
      }
    }
  };
  collect('campaign', CAMPAIGN_RULES);
  return out;
}

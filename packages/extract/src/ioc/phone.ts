// Phone numbers, only where a label says so ("phone:", "WhatsApp +1 ..."): bare digit runs in
// reports are case numbers, amounts and dates far more often than phones.
export interface PhoneHit {
  value: string;
  start: number;
  end: number;
}

const LABELLED =
  /\b(?:phone(?: number)?|tel(?:ephone)?|mobile|cell|whatsapp|viber|wechat|signal)\s*(?:no\.?|number|#)?\s*[:#]?\s*(\+?\d[\d ().-]{6,20}\d)/gi;

export function findPhones(text: string): PhoneHit[] {
  const out: PhoneHit[] = [];
  LABELLED.lastIndex = 0;
  for (let m = LABELLED.exec(text); m !== null; m = LABELLED.exec(text)) {
    const value = (m[1] as string).trim();
    const digits = value.replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15) continue;
    const start = m.index + m[0].length - (m[1] as string).length;
    out.push({ value, start, end: start + value.length });
  }
  return out;
}

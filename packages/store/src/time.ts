// TAXII and STIX timestamps carry up to microsecond precision (and may carry more digits), which a
// JavaScript Date cannot hold. The store keeps every timestamp as integer microseconds since the
// epoch so that comparisons (`added_after` is strictly-after) are exact.

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Microseconds since the epoch for an RFC 3339 timestamp, or undefined when it is not one.
 * Digits past the microsecond are dropped: for a strictly-after comparison against stored
 * microsecond values, truncation gives the same answer as the exact value would.
 */
export function toMicros(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  let ms = Date.UTC(Number(y), month - 1, day, hour, minute, second);
  if (new Date(ms).getUTCDate() !== day) return undefined; // 31 February and friends
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const offset = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6));
    ms -= sign * offset * 60_000;
  }
  return ms * 1000 + Number(frac.padEnd(6, '0').slice(0, 6));
}

/** A TAXII timestamp with microseconds, always UTC: 2025-02-21T10:00:00.123456Z. */
export function fromMicros(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const rest = micros - ms * 1000;
  const iso = new Date(ms).toISOString(); // 2025-02-21T10:00:00.123Z
  return `${iso.slice(0, 23)}${String(rest).padStart(3, '0')}Z`;
}

// Catalogue names that are also the names of algorithms, libraries and formats ("ZLib" is a
// backdoor in Malpedia and the compression library everywhere else). Where the sentence uses the
// name as a technique ("Zlib compression", "compresses data by ZLib"), it names that technique.

/** A technical noun right after the name: the name qualifies it. */
const TECHNICAL_AFTER =
  /^[ \t]{1,3}(?:compression|compressed|decompression|encryption|encrypted|decryption|encoding|encoded|algorithm|library|libraries|format|protocol|cipher|checksum|hash(?:ing)?|key|stream)\b/i;
/** A verb of transforming data, then "with/by/using" right before the name. */
const TECHNICAL_BEFORE =
  /\b(?:compress|decompress|encrypt|decrypt|encod|decod|hash)\w*\b[^.;\n]{0,30}\b(?:with|by|using|via|through)[ \t]{1,3}(?:the[ \t]+)?$/i;

export function usedAsTechnique(text: string, start: number, end: number): boolean {
  return (
    TECHNICAL_AFTER.test(text.slice(end, end + 30)) || TECHNICAL_BEFORE.test(text.slice(Math.max(0, start - 80), start))
  );
}

import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { type Payload, StageError } from '@stixmill/contracts';

export type Source = Payload<'reports.submitted'>['source'];

/** `FILE`, `URL` or `-` (stdin), as the user typed it, to a submission source. */
export async function readSource(
  arg: string,
  options: { maxBytes: number; stdin?: NodeJS.ReadableStream },
): Promise<Source> {
  if (/^https?:\/\//i.test(arg)) return { kind: 'url', url: arg };
  if (arg === '-') {
    const bytes = await readAll(options.stdin ?? process.stdin, options.maxBytes);
    return { kind: 'inline', base64: bytes.toString('base64') };
  }
  let size: number;
  try {
    const info = await stat(arg);
    if (!info.isFile()) throw new StageError('unreachable', `${arg} is not a file`);
    size = info.size;
  } catch (cause) {
    if (cause instanceof StageError) throw cause;
    throw new StageError('unreachable', `cannot read ${arg}: ${(cause as NodeJS.ErrnoException).code ?? cause}`, {
      cause,
    });
  }
  if (size > options.maxBytes) {
    throw new StageError(
      'too_large',
      `${arg} is ${size} bytes; the limit is ${options.maxBytes} (STIXMILL_FETCH_MAX_BYTES)`,
    );
  }
  const bytes = await readFile(arg);
  return { kind: 'inline', base64: bytes.toString('base64'), filename: basename(arg) };
}

async function readAll(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    total += buffer.length;
    if (total > maxBytes)
      throw new StageError('too_large', `stdin is over the limit of ${maxBytes} bytes (STIXMILL_FETCH_MAX_BYTES)`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

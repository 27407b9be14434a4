// Serves the built console (dist/, see scripts/build.ts): the page at `/` and its files under
// /console/. The page and the files are public within the server's own login: the HTTP app asks
// for credentials before it hands a request here, so the browser then sends them with every API
// call and with the event stream.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';

export const CONSOLE_DIST = join(import.meta.dirname, '..', 'dist');

const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/console/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/console/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
};

/** Everything the page needs comes from this server: no CDN, no inline script. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export type ConsoleHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/**
 * A request handler for the console's paths; it answers false for any other path, so the caller
 * can answer it. Files are read once and kept: they change only with a new build and a restart.
 */
export function createConsole(dist = CONSOLE_DIST): ConsoleHandler {
  const cache = new Map<string, Buffer>();
  return async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const entry = FILES[path === '/index.html' ? '/' : path];
    if (!entry) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('GET only\n');
      return true;
    }
    let body = cache.get(entry.file);
    if (!body) {
      try {
        body = await readFile(join(dist, entry.file));
      } catch {
        res
          .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
          .end('The console is not built: run `pnpm run build` (or node packages/console/scripts/build.ts).\n');
        return true;
      }
      cache.set(entry.file, body);
    }
    res.writeHead(200, {
      'content-type': entry.type,
      'content-length': String(body.length),
      'cache-control': entry.file === 'index.html' ? 'no-cache' : 'public, max-age=300',
      ...SECURITY_HEADERS,
    });
    res.end(body);
    return true;
  };
}

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Runs the real `stixmill` CLI as a child process, the way a user does.

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'packages/cli/src/main.ts');

export interface Running {
  child: ChildProcess;
  baseUrl: string;
  stderr: () => string;
  stop: () => Promise<void>;
}

/** `stixmill run` on a free port with a fresh data directory; resolves once it prints its URL. */
export async function startStixmill(env: Record<string, string> = {}): Promise<Running> {
  const dataDir = mkdtempSync(join(tmpdir(), 'stixmill-e2e-'));
  const child = spawn(process.execPath, [CLI, 'run'], {
    cwd: ROOT,
    env: {
      ...process.env,
      // Embedded mode with its own database: a DATABASE_URL from the test run (scripts/test.sh
      // sets one for the store's tests) would share one PostgreSQL between test files.
      DATABASE_URL: '',
      STIXMILL_PORT: '0',
      STIXMILL_DATA_DIR: dataDir,
      STIXMILL_LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const baseUrl = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`stixmill run did not start in 60 s:\n${stderr.slice(-3000)}`)),
      60_000,
    );
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = stdout.match(/discovery (http:\/\/[^\s]+)\/taxii2\//);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`stixmill run exited with ${code}:\n${stderr.slice(-3000)}`));
    });
  });
  return {
    child,
    baseUrl,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Run a CLI command to completion. */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; input?: string; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`stixmill ${args.join(' ')} timed out\n${stderr}`));
    }, options.timeoutMs ?? 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Poll until `check` returns a value, or fail with what was last seen. */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// The Python interpreter of the OASIS reference tools (stix2-validator, stix2-patterns, stix2,
// taxii2-client), installed into .venv by scripts/setup-python.sh.

const ROOT = join(import.meta.dirname, '..', '..');

/** The venv's python, or an error that says how to create it. Interop tests fail with it; they never skip. */
export function venvPython(): string {
  const python = join(ROOT, '.venv', 'bin', 'python');
  if (!existsSync(python)) {
    throw new Error(
      `the OASIS Python tools are not installed (${python} is missing): run \`bash scripts/setup-python.sh\` first`,
    );
  }
  return python;
}

export interface PythonResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a Python program given as source text, with `input` on its stdin. */
export function runPython(source: string, input: string, timeoutMs = 120_000): PythonResult {
  const result = spawnSync(venvPython(), ['-c', source], {
    input,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Runs one of the auditors' CLIs as a user would, in its own process: only DATA_DIR tells it
// where the log is (no EventStoreDB, no server key, no log level from the tester's shell).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node --import=tsx src/cli/<command>.ts …`; stdout and stderr are pipes. */
export function runCli(command: string, args: readonly string[], dataDir: string): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete env.EVENTSTORE_URL;
  delete env.CHECKPOINT_KEY_FILE;
  delete env.LOG_LEVEL;
  const child = spawn(process.execPath, ['--import=tsx', join('src/cli', `${command}.ts`), ...args], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

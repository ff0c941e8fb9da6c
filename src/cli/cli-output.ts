// What the audit commands share: reading their arguments, opening the log read-only
// (or EventStoreDB), writing to stdout or a file, and turning failures into a message
// and an exit code (0 done, 1 a usage or input error, 2 the log is damaged).
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import pino from 'pino';
import { readOnlyLogSource, storeSource, type AuditSource } from '../audit/audit-source.js';
import { readConfig } from '../config.js';
import { PartnershipLogError } from '../errors.js';
import { createLogger } from '../logger.js';
import { createRegistry } from '../registry.js';
import { LOG_FILE } from '../store/embedded/embedded-store.js';
import { openStore } from '../store/open-store.js';

export const EXIT_OK = 0;
export const EXIT_USAGE = 1;
export const EXIT_BROKEN = 2;

/** The command was called wrongly: the message is shown with the usage. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseOptions<const O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** Runs a command and sets the exit code; never throws. */
export async function runCommand(usage: string, main: (args: string[]) => Promise<number>): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  try {
    process.exitCode = await main(args);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n\n${usage}\n`);
      process.exitCode = EXIT_USAGE;
    } else if (err instanceof PartnershipLogError) {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = err.code === 'PL_ERR_STORE_CORRUPT' ? EXIT_BROKEN : EXIT_USAGE;
    } else {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = EXIT_USAGE;
    }
  }
}

export interface OpenedLog {
  source: AuditSource;
  /** DATA_DIR: where the signing key is kept, whichever store holds the events. */
  dataDir: string;
  close(): Promise<void>;
}

/** The log named by the environment: DATA_DIR's embedded log read-only, or EVENTSTORE_URL. */
export async function openAuditLog(): Promise<OpenedLog> {
  const config = readConfig(process.env);
  const registry = createRegistry();
  if (config.EVENTSTORE_URL) {
    // Logs to stderr only, so stdout carries nothing but the command's output.
    const logger = createLogger({ level: process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn', destination: pino.destination(2) });
    const store = await openStore({ dataDir: config.DATA_DIR, eventStoreUrl: config.EVENTSTORE_URL, registry, logger });
    return { source: storeSource(store), dataDir: config.DATA_DIR, close: () => store.close() };
  }
  if (!existsSync(join(config.DATA_DIR, LOG_FILE))) {
    throw new UsageError(`There is no event log in ${config.DATA_DIR}: set DATA_DIR to the data folder (or EVENTSTORE_URL).`);
  }
  return { source: readOnlyLogSource(config.DATA_DIR, registry), dataDir: config.DATA_DIR, close: async () => {} };
}

export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`The ${what} ${file} could not be read (${describe(err)}).`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`The ${what} ${file} is not JSON.`);
  }
}

export function readTextFile(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`The ${what} ${file} could not be read (${describe(err)}).`);
  }
}

/** Writes the chunks to the file, or to stdout; a reader that stops early (`| head`) is not an error. */
export async function writeChunks(chunks: AsyncIterable<string> | Iterable<string>, out?: string): Promise<void> {
  try {
    const batched = Readable.from(batches(chunks));
    if (out === undefined) await pipeline(batched, process.stdout, { end: false });
    else await pipeline(batched, createWriteStream(out));
  } catch (err) {
    const code = errorCode(err);
    if (out === undefined && code === 'EPIPE') return;
    if (out !== undefined && (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR')) {
      throw new UsageError(`${out} could not be written (${code}).`);
    }
    throw err;
  }
}

const BATCH_BYTES = 64 * 1024;

/** Many small lines as fewer, larger writes. */
async function* batches(chunks: AsyncIterable<string> | Iterable<string>): AsyncGenerator<string> {
  let batch = '';
  for await (const chunk of chunks) {
    batch += chunk;
    if (batch.length >= BATCH_BYTES) {
      yield batch;
      batch = '';
    }
  }
  if (batch) yield batch;
}

function errorCode(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

function describe(err: unknown): string {
  return errorCode(err) ?? (err instanceof Error ? err.message : String(err));
}

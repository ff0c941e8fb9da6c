// The port's errors for @eventstore/db-client's failures, pure like the rest of the
// mapping: a conflict becomes WrongExpectedRevisionError, an unreachable server
// PL_ERR_STORE_UNAVAILABLE naming the server (never its credentials), and so on.
import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  convertToCommandError,
} from '@eventstore/db-client';
import { PartnershipLogError, WrongExpectedRevisionError } from '../../errors.js';
import type { ExpectedRevision } from '../event-store.js';
import { fromClientCurrentRevision, fromClientExpectedRevision } from './mapping.js';

export interface ErrorContext {
  /** Where the server is, without credentials (see describeServer). */
  server: string;
  stream?: string;
  /** The expected revision the writer passed, reported as is in a conflict. */
  expected?: ExpectedRevision;
}

/** Reading a stream that does not exist is not an error for the port: it reads as empty. */
export function isStreamNotFound(err: unknown): boolean {
  return err instanceof StreamNotFoundError;
}

/**
 * The port's error for a client failure. Errors of the product pass through unchanged,
 * and so does anything that is neither a server answer nor a connection failure (a bug
 * should surface as itself).
 */
export function toStoreError(err: unknown, context: ErrorContext): Error {
  if (err instanceof PartnershipLogError) return err;
  if (!(err instanceof Error)) return new Error(String(err));
  const error = convertToCommandError(err);
  const server = `EventStoreDB at ${context.server}`;
  if (error instanceof WrongExpectedVersionError) {
    return new WrongExpectedRevisionError(
      error.streamName || context.stream || '(unknown stream)',
      context.expected ?? fromClientExpectedRevision(error.expectedVersion),
      fromClientCurrentRevision(error.actualVersion),
    );
  }
  if (error instanceof AccessDeniedError) {
    return new PartnershipLogError(
      'PL_ERR_CONFIG',
      `${server} refused access: put the credentials of a user who may read and write every stream and $all in EVENTSTORE_URL.`,
      { cause: err },
    );
  }
  if (error instanceof MaxAppendSizeExceededError) {
    return new PartnershipLogError(
      'PL_ERR_VALIDATION',
      `${server} refused the events: together they are larger than its limit of ${error.maxAppendSize} bytes.`,
      { cause: err },
    );
  }
  if (error instanceof StreamDeletedError) {
    return new PartnershipLogError(
      'PL_ERR_STORE_UNAVAILABLE',
      `${server} reports stream ${error.streamName || context.stream || ''} as deleted; it cannot be written again.`,
      { cause: err },
    );
  }
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError ||
    error instanceof CancelledError ||
    error instanceof UnknownError ||
    /^Failed to discover/.test(error.message)
  ) {
    return new PartnershipLogError(
      'PL_ERR_STORE_UNAVAILABLE',
      `${server} cannot be reached or did not answer (${error.message}). Check that the server is running and EVENTSTORE_URL is right.`,
      { cause: err },
    );
  }
  return error;
}

/** The servers a connection string names, without credentials or options, for messages and logs. */
export function describeServer(connectionString: string): string {
  const match = /^\s*([a-z+]+):\/\/([^?]*)/i.exec(connectionString);
  if (!match) return '(an invalid connection string)';
  const authority = match[2] ?? '';
  const hosts = authority.slice(authority.lastIndexOf('@') + 1).replace(/\/+$/, '');
  return `${match[1]}://${hosts}`;
}


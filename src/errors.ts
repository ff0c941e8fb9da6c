// The one error module. Every error the product raises on purpose has a stable
// code, an HTTP status and a sentence a user understands. The README lists them.

export const errorCatalogue = {
  PL_ERR_VALIDATION: { status: 400, title: 'Some of what was sent is not right' },
  PL_ERR_INVALID_EVENT: { status: 400, title: 'An event does not match its schema' },
  PL_ERR_UNKNOWN_EVENT_TYPE: { status: 400, title: 'This kind of event is not known' },
  PL_ERR_INVALID_STREAM: { status: 400, title: 'The stream name is not allowed' },
  PL_ERR_WRONG_EXPECTED_REVISION: {
    status: 409,
    title: 'The record has changed since you last read it',
  },
  PL_ERR_STORE_LOCKED: { status: 503, title: 'The data folder is in use by another process' },
  PL_ERR_STORE_CORRUPT: { status: 500, title: 'The event log is damaged' },
  PL_ERR_CLOCK_ORDER: { status: 503, title: 'The recorded time would go backwards or too far ahead' },
  PL_ERR_STORE_CLOSED: { status: 503, title: 'The event store is closed' },
  PL_ERR_STORE_UNAVAILABLE: { status: 503, title: 'What was sent cannot be saved just now' },
  PL_ERR_CONFIG: { status: 500, title: 'The configuration is not valid' },
  PL_ERR_TOKENS_DAMAGED: { status: 500, title: 'The tokens file is damaged' },
  PL_ERR_KEY_MISSING: { status: 500, title: 'A person’s key is missing or damaged, so their details cannot be read' },
  PL_ERR_NO_SIGNING_KEY: { status: 503, title: 'This server has no checkpoint signing key' },
  PL_ERR_CHECKPOINT_NOT_CONSISTENT: { status: 409, title: 'The log is not consistent with the latest published checkpoint' },
  PL_ERR_TREE_FILE_DAMAGED: { status: 500, title: 'The saved Merkle tree is damaged; it must be rebuilt from the event log' },
  // Refusals at the door: who is asking, and what they sent.
  PL_ERR_UNAUTHENTICATED: { status: 401, title: 'Sign in with a valid token' },
  PL_ERR_FORBIDDEN: { status: 403, title: 'Your role may not do this' },
  PL_ERR_NOT_FOUND: { status: 404, title: 'There is nothing at this address' },
  PL_ERR_METHOD_NOT_ALLOWED: { status: 405, title: 'This address does not take this method' },
  PL_ERR_BODY_TOO_LARGE: { status: 413, title: 'What was sent is too large' },
  PL_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Send JSON (application/json)' },
  PL_ERR_BAD_REQUEST: { status: 400, title: 'The request could not be read' },
  PL_ERR_URI_TOO_LONG: { status: 414, title: 'The address is too long' },
  PL_ERR_HEADERS_TOO_LARGE: { status: 431, title: 'The address or the headers sent are too long' },
  PL_ERR_REQUEST_TIMEOUT: { status: 408, title: 'The request took too long to arrive' },
  PL_ERR_IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'This Idempotency-Key was used for a different request' },
  PL_ERR_TOKEN_NOT_FOUND: { status: 404, title: 'There is no token with this id' },
  PL_ERR_PROJECTION_NOT_FOUND: { status: 404, title: 'There is no projection with this name' },
  PL_ERR_NOT_CAUGHT_UP: { status: 503, title: 'The record is still catching up; try again in a moment' },
  PL_ERR_BUSY: { status: 503, title: 'The server is busy; try again in a few seconds' },
  PL_ERR_INTERNAL: { status: 500, title: 'Something went wrong on our side' },
  // Refusals of the domain: a broken rule, explained.
  PL_ERR_DECISION_NOT_FOUND: { status: 404, title: 'There is no decision with this id' },
  PL_ERR_CONTRACT_NOT_FOUND: { status: 404, title: 'There is no contract with this id' },
  PL_ERR_PERSON_NOT_FOUND: { status: 404, title: 'There is no person with this id in the register' },
  PL_ERR_ALREADY_EXISTS: { status: 409, title: 'This has already been recorded' },
  PL_ERR_DECISION_ALREADY_MADE: { status: 409, title: 'This decision has already been made' },
  PL_ERR_DECISION_CLOSED: { status: 409, title: 'This decision was superseded or withdrawn and cannot change' },
  PL_ERR_DECISION_NOT_MADE: { status: 422, title: 'This needs the decision to have been made first' },
  PL_ERR_WRONG_DECISION_KIND: { status: 422, title: 'This is not allowed for this kind of decision' },
  PL_ERR_VIEW_NOT_FOUND: { status: 422, title: 'An answer refers to a view that was not recorded' },
  PL_ERR_RISK_NOT_IDENTIFIED: { status: 422, title: 'A risk must be identified before it is accepted or reviewed' },
  PL_ERR_RISK_ALREADY_ACCEPTED: { status: 409, title: 'This risk has already been accepted' },
  PL_ERR_RISK_CLOSED: { status: 409, title: 'This risk was closed at its last review' },
  PL_ERR_CHALLENGE_NOT_FOUND: { status: 404, title: 'There is no challenge with this id' },
  PL_ERR_CHALLENGE_ALREADY_RESOLVED: { status: 409, title: 'This challenge has already been resolved' },
  PL_ERR_NOT_OWN_ORGANISATION: { status: 403, title: 'A provider may only act for its own organisation' },
  PL_ERR_NOT_OWN_PERSON: { status: 403, title: 'This token may only speak for its own person' },
  PL_ERR_NOT_A_BLOCK_CONTRACT: { status: 422, title: 'Only a block contract can be disaggregated' },
  PL_ERR_MONEY_NOT_CONSERVED: { status: 422, title: 'The money does not add up' },
  PL_ERR_ALLOCATION_EXISTS: { status: 409, title: 'This person already has a current allocation on this contract' },
  PL_ERR_ALLOCATION_NOT_FOUND: { status: 422, title: 'There is no such allocation on this contract' },
  PL_ERR_PERSON_FORGOTTEN: { status: 410, title: 'This person was forgotten at their request' },
  PL_ERR_CONTRACT_ENDED: { status: 409, title: 'This contract has ended' },
  PL_ERR_FACT_NOT_FOUND: { status: 404, title: 'There is no such view, risk acceptance or change on this decision' },
  PL_ERR_NOT_THEIR_FACT: { status: 422, title: 'This is not about the person named' },
  PL_ERR_PROVENANCE_NEEDED: { status: 422, title: 'Say for whom this was recorded, how it was gathered and whether it was read back' },
  PL_ERR_FACT_ALREADY_ANSWERED: { status: 409, title: 'This person has already confirmed or disputed this' },
  PL_ERR_HAPPENS_LATER: { status: 422, title: 'This cannot have happened yet' },
  PL_ERR_BEFORE_PROPOSAL: { status: 422, title: 'This cannot have happened before the decision was proposed' },
  PL_ERR_PROVIDER_NOT_REGISTERED: { status: 422, title: 'This provider is not in the provider register' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** A refusal by the domain: throw it from decide. */
export function refuse(code: ErrorCode, message: string): never {
  throw new PartnershipLogError(code, message);
}

export class PartnershipLogError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly title: string;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PartnershipLogError';
    this.code = code;
    this.statusCode = errorCatalogue[code].status;
    this.title = errorCatalogue[code].title;
  }
}

export type ExpectedRevisionDescription = 'any' | 'no_stream' | 'stream_exists' | number;

/** A concurrency conflict: someone else appended to the stream first. */
export class WrongExpectedRevisionError extends PartnershipLogError {
  readonly stream: string;
  readonly expected: ExpectedRevisionDescription;
  /** The stream's current revision, or 'no_stream' when it does not exist. */
  readonly actual: number | 'no_stream';

  constructor(stream: string, expected: ExpectedRevisionDescription, actual: number | 'no_stream') {
    super(
      'PL_ERR_WRONG_EXPECTED_REVISION',
      `Stream ${stream} was expected at revision ${String(expected)} but is at ${String(actual)}.`,
    );
    this.stream = stream;
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * An append whose recorded time is earlier than the log's last (a clock stepped back, or
 * another writer got there first) or too far ahead of the store's clock. Nothing was written;
 * the command handler chains again with a time no earlier than `lastRecordedAt`.
 */
export class ClockOrderError extends PartnershipLogError {
  readonly lastRecordedAt: string;

  constructor(given: string, lastRecordedAt: string, reason: 'behind' | 'ahead') {
    super(
      'PL_ERR_CLOCK_ORDER',
      reason === 'behind'
        ? `The event's recorded time ${given} is earlier than the last recorded time in the log (${lastRecordedAt}); nothing was recorded.`
        : `The event's recorded time ${given} is too far ahead of the store's clock; nothing was recorded.`,
    );
    this.lastRecordedAt = lastRecordedAt;
  }
}

export interface FieldIssue {
  path: string;
  message: string;
}

/** An event payload that does not match the schema registered for its type. */
export class InvalidEventError extends PartnershipLogError {
  readonly eventType: string;
  readonly issues: FieldIssue[];

  constructor(eventType: string, issues: FieldIssue[]) {
    const list = issues.map((i) => `${i.path || '(payload)'}: ${i.message}`).join('; ');
    super('PL_ERR_INVALID_EVENT', `Event ${eventType} is not valid: ${list}`);
    this.eventType = eventType;
    this.issues = issues;
  }
}

/** The data folder is owned by another live process. */
export class StoreLockedError extends PartnershipLogError {
  readonly folder: string;
  readonly owner: { pid: number; hostname: string; since: string };

  constructor(folder: string, owner: { pid: number; hostname: string; since: string }) {
    super(
      'PL_ERR_STORE_LOCKED',
      `The data folder ${folder} is already open in process ${owner.pid} on ${owner.hostname} ` +
        `(since ${owner.since}). Stop that process, or use another DATA_DIR.`,
    );
    this.folder = folder;
    this.owner = owner;
  }
}

/** A record before the tail of the log failed its checks: the log must not be used as is. */
export class StoreCorruptError extends PartnershipLogError {
  readonly file: string;
  readonly byteOffset: number;
  readonly position: number | undefined;

  constructor(file: string, byteOffset: number, position: number | undefined, reason: string) {
    super(
      'PL_ERR_STORE_CORRUPT',
      `The event log ${file} is damaged at byte ${byteOffset}` +
        (position === undefined ? '' : ` (position ${position})`) +
        `: ${reason}. Nothing was changed; restore the file from a backup or ask an auditor to run verification.`,
    );
    this.file = file;
    this.byteOffset = byteOffset;
    this.position = position;
  }
}

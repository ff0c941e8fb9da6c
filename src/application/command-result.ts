// What a command is sent with and what it answers: shared by the handler and the replay
// of a recorded command (idempotency.ts), which answers a retry in the same shape.

export interface CommandContext {
  /** Seeds the event ids: the Idempotency-Key (scoped to the caller) or a fresh uuid. */
  commandId: string;
  /** If-Match: the revision the caller last read; a mismatch is a conflict, never retried. */
  expectedRevision?: number;
  /** With an Idempotency-Key: what the request asked for, so the key cannot be reused for another request. */
  requestFingerprint?: string;
  requestId?: string;
  correlationId?: string;
  causationId?: string;
}

export interface RecordedEvent {
  id: string;
  type: string;
  revision: number;
}

export interface CommandResult<State> {
  stream: string;
  events: RecordedEvent[];
  /** The stream's revision after the command. */
  revision: number;
  /** The log position of the last event, for read-your-writes. */
  position: number;
  state: State;
  /** True when this was a retry of a command already recorded. */
  replayed: boolean;
}

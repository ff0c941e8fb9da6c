// What an event is, as written and as stored: the shapes the store port, the audit, the
// projections and the hash chain share. The store port re-exports them; readers of events
// (projections, audit) import them from here, so they need not know the store exists.

/** Who sent the command, as kept beside each event. */
export interface Actor {
  id: string;
  role: string;
  name?: string;
  organisation?: string;
}

/** Who did it and why, kept beside every event. */
export interface EventMetadata {
  actor?: Actor;
  correlationId?: string;
  causationId?: string;
  requestId?: string;
  /**
   * When the writer recorded it (ISO-8601, UTC): chained events carry it here so their hash
   * covers it; the store records the event at exactly this time, refusing one earlier than
   * the log's last (see ClockBehindError), and verify checks the two agree.
   */
  recordedAt?: string;
  /** On a command's first event, when it came with an Idempotency-Key: what was asked (see src/application/idempotency.ts). */
  requestFingerprint?: string;
  /** Tamper evidence: the hash of the previous event in the stream (null for the first). */
  previousHash?: string | null;
  /** Tamper evidence: this event's hash over a canonical serialisation of what is stored. */
  hash?: string;
}

/** An event as a writer hands it to the store. */
export interface NewEvent<Data = unknown> {
  /** A uuid chosen by the writer, so that a retried append can be recognised. */
  id: string;
  type: string;
  data: Data;
  metadata?: EventMetadata;
}

/** An event as the store keeps it. */
export interface StoredEvent<Data = unknown> {
  id: string;
  stream: string;
  /** 0 for the first event of a stream. */
  revision: number;
  /** Orders every event in the log; strictly increasing, not necessarily contiguous. */
  position: number;
  type: string;
  schemaVersion: number;
  data: Data;
  metadata: EventMetadata;
  /** ISO-8601 time at which the store recorded the event. */
  recordedAt: string;
}

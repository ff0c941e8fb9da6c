// What each phase process reports to run.ts, and the settings they share.
import type { RawResult } from './raw-limits.js';

export const WRITERS = 64;
/** The single writer pays one fdatasync per event, so it is time-boxed. */
export const SINGLE_MAX_EVENTS = 10_000;
export const SINGLE_MAX_SECONDS = 5;

export interface AppendFigures {
  events: number;
  seconds: number;
  eps: number;
  batches: number;
  meanBatch: number;
  maxBatch: number;
  raw: RawResult;
}

export interface AppendPhaseResult {
  phase: 'append';
  concurrent: AppendFigures;
  single: AppendFigures;
  rssMb: number;
}

export interface ReopenPhaseResult {
  phase: 'reopen';
  events: number;
  fileMb: number;
  /** The first open, in a fresh process. */
  coldOpenSeconds: number;
  /** close, then openEmbeddedStore again, until it resolves. */
  reopenSeconds: number;
  rssMb: number;
}

export interface ReplayPhaseResult {
  phase: 'replay';
  events: number;
  seconds: number;
  eps: number;
  raw: RawResult;
  rssMb: number;
}

export type PhaseResult =
  | AppendPhaseResult
  | ReopenPhaseResult
  | ReplayPhaseResult
  | DomainLogPhaseResult
  | HttpLogPhaseResult
  | FoldPhaseResult
  | RebuildPhaseResult
  | VerifyPhaseResult
  | HttpPhaseResult;

/** Shown as MISSED with its reason when a phase of the domain or HTTP runs dies (e.g. out of memory). */
export interface PhaseFailure<Phase extends string> {
  phase: Phase;
  failed: string;
}

export type Outcome<Result extends { phase: string }> = Result | PhaseFailure<Result['phase']>;

export function failed<Result extends { phase: string }>(outcome: Outcome<Result>): outcome is PhaseFailure<Result['phase']> {
  return 'failed' in outcome;
}

/** The realistic domain log (bench/domain-workload.ts), built as setup for the phases after it. */
export interface DomainLogFigures {
  events: number;
  decisions: number;
  people: number;
  fileMb: number;
  /** A payload's mean length as JSON; the record adds the envelope, the actor, the ids and the hash chain. */
  meanDataBytes: number;
  /** Setup, not a figure with a target. */
  seconds: number;
}

export interface DomainLogPhaseResult extends DomainLogFigures {
  phase: 'domain-log';
}

/** The same log, for the HTTP phase: whole decisions, whose ids it writes beside the log. */
export interface HttpLogPhaseResult extends DomainLogFigures {
  phase: 'http-log';
}

/** Every projection the app runs, folded without the runner: the raw limit of a rebuild. */
export interface FoldPhaseResult {
  phase: 'fold';
  events: number;
  /** `for await (const e of store.readAll())` alone. */
  readSeconds: number;
  /** The same loop, folding each event into every projection whose streams it belongs to. */
  foldSeconds: number;
  foldEps: number;
  rssMb: number;
}

export interface SnapshotFigures {
  /** Saves the runner made while catching up (every dirty projection, every 10,000 events by default). */
  saves: number;
  /** Time the runner spent awaiting those saves (it folds nothing meanwhile). */
  seconds: number;
  failures: number;
  firstFailure?: string;
  /** The size of each projection's snapshot file at its last save. */
  bytes: Record<string, number>;
}

export interface RebuildPhaseResult {
  phase: 'rebuild';
  events: number;
  /** False when the runner had not reached the head within REBUILD_LIMIT_SECONDS. */
  caughtUp: boolean;
  position: number;
  /** From runner.start() until every projection has passed the head. */
  seconds: number;
  eps: number;
  snapshots: SnapshotFigures;
  /** runner.stop(): the last save of every projection. */
  stopSeconds: number;
  /** One JSON.stringify of every final state: how much of a save is serialising; null if one failed. */
  serialiseSeconds: number | null;
  serialiseError?: string;
  rssMb: number;
}

export interface VerifyPhaseResult {
  phase: 'verify';
  events: number;
  ok: boolean;
  seconds: number;
  eps: number;
  /** Reading the same file in big chunks, splitting it into lines and JSON.parse'ing each. */
  raw: RawResult;
  rssMb: number;
}

export interface LoadFigures {
  connections: number;
  seconds: number;
  /** 2xx answers. */
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
}

export interface HttpPhaseResult {
  phase: 'http';
  decisions: number;
  events: number;
  /** buildApp until the projections have caught up with the log. */
  startSeconds: number;
  /** GET /health, public and doing next to nothing: the same server and load generator's limit. */
  health: LoadFigures;
  /** One request per decision, each the first read of its stream since the server started. */
  queryCold: LoadFigures;
  /** With every decision read once before (the server's caches warm). */
  query: LoadFigures;
  command: LoadFigures;
  /** Events the POSTs appended (warm-up included), against their 201 answers. */
  commandEvents: number;
  commandCreated: number;
  rssMb: number;
}

/** A rebuild that has not caught up by then is reported as such, so the run stays bounded. */
export const REBUILD_LIMIT_SECONDS = 300;
export const HTTP_DECISIONS = 10_000;
export const HTTP_CONNECTIONS = 50;
export const HTTP_SECONDS = 10;
export const HTTP_WARMUP_SECONDS = 3;

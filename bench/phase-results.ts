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
  | MerkleTreePhaseResult
  | ConsistencyPhaseResult
  | HttpPhaseResult
  | RestartPhaseResult;

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

export interface RebuildPhaseResult {
  phase: 'rebuild';
  events: number;
  /** False when the runner had not reached the head within REBUILD_LIMIT_SECONDS. */
  caughtUp: boolean;
  position: number;
  /** From runner.start() into an empty read-model folder until every projection has committed the head. */
  seconds: number;
  eps: number;
  /** Transactions the runner committed while catching up (one a batch). */
  commits: number;
  /** runner.stop(): the last commit and closing the database. */
  stopSeconds: number;
  /** The read-model database on disk after the rebuild. */
  databaseMb: number;
  /** The highest RSS sampled while catching up, with its split; and the highest anonymous RSS of any sample. */
  memory: MemorySample;
  highestAnonMb: number;
  rssMb: number;
}

export interface VerifyPhaseResult {
  phase: 'verify';
  events: number;
  ok: boolean;
  seconds: number;
  eps: number;
  /** CPU time of the whole process, workers included: what verify costs, less disturbed than the wall time when others share the cores. */
  cpuSeconds: number;
  /** Reading the same file in big chunks, splitting it into lines and JSON.parse'ing each. */
  raw: RawResult;
  /** Counted in a pass of its own after the timed run: records verify had to parse instead of hashing their stored bytes. */
  slowPath: SlowPathCount;
  rssMb: number;
}

export interface SlowPathCount {
  records: number;
  /** Not in the shape the store writes (recordSpans gave null). */
  unrecognised: number;
  /** In that shape, but the hash of their stored bytes is not the one they carry. */
  hashDiffers: number;
  /** Acknowledgements of a broken link, parsed on purpose. */
  chainBreaks: number;
}

/** Setup of the consistency phase: the server's tree file, saved over all but the last events of the log. */
export interface MerkleTreePhaseResult {
  phase: 'merkle-tree';
  events: number;
  /** Leaves in the saved tree: the log as it stood at the last shutdown. */
  savedLeaves: number;
  fileMb: number;
  seconds: number;
}

export interface ConsistencyPhaseResult {
  phase: 'consistency';
  events: number;
  savedLeaves: number;
  /** The tree read from its file (checksum checked), as the server's LogTree does at start. */
  loadSeconds: number;
  /** The first request's catch-up: every saved leaf checked against the log, the events written since added. */
  catchUpSeconds: number;
  /** The old size m = ⌊0.9·n⌋ and the new n = the whole log. */
  from: number;
  to: number;
  proofHashes: number;
  /** Both roots and the proof, as GET /audit/consistency computes them, then verifyConsistency; the first (cold) call. */
  firstMs: number;
  /** The median of CONSISTENCY_RUNS more calls. */
  medianMs: number;
  verified: boolean;
  rssMb: number;
}

/** Repeated proof + verify calls after the first, of which the median is reported. */
export const CONSISTENCY_RUNS = 21;
/** The saved tree leaves out this share of the log: events written after the last shutdown, added at catch-up. */
export const UNSAVED_SHARE = 0.01;

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
  /** Answers by status code (503s from AS_OF_REPLAYS' bound show here). */
  statuses: Record<string, number>;
}

/** Where the server's RSS went at its highest sample (process.memoryUsage(), MiB). */
export interface MemorySample {
  rssMb: number;
  /** Of the RSS: anonymous memory, and file-backed pages (LMDB's mapped file), from /proc/self/status. */
  rssAnonMb: number;
  rssFileMb: number;
  heapTotalMb: number;
  heapUsedMb: number;
  externalMb: number;
  arrayBuffersMb: number;
}

/** A handful of requests made one after another, timed in the server's process (ms). */
export interface SequentialFigures {
  requests: number;
  medianMs: number;
  maxMs: number;
  statuses: number[];
}

export interface HttpPhaseResult {
  phase: 'http';
  decisions: number;
  events: number;
  /** buildApp until the read models have caught up with the log, from startedFrom. */
  startSeconds: number;
  /** The position the read models resumed from: 0 over an empty folder, or where the rebuild phase's committed. */
  startedFrom: number;
  /** GET /health, public and doing next to nothing: the same server and load generator's limit. */
  health: LoadFigures;
  /** One request per decision, each the first read since the server started. */
  queryCold: LoadFigures;
  /** With every decision read once before (LMDB's pages and the server's caches warm). */
  query: LoadFigures;
  /** GET /decisions/:id?asOf=<position> for one decision, each request at another random position after it was proposed. */
  asOf: LoadFigures;
  /** GET /people/:id/subject-access for the people named in the most decisions. */
  subjectAccess: SequentialFigures;
  /** GET /reports/partnership-board for the year up to today (`report_ms`). */
  report: SequentialFigures;
  /** How many decisions name the person asked about first (from the mentions index's answer). */
  subjectDecisions: number;
  command: LoadFigures;
  /** Events the POSTs appended (warm-up included), against their 201 answers. */
  commandEvents: number;
  commandCreated: number;
  /** The highest process.memoryUsage() sampled every SAMPLE_MS during the GET loads, after catch-up. */
  serverMemory: MemorySample;
  serverHighestAnonMb: number;
  /** app.close() after the commands: the runner's last commit, the database and the store closed. */
  shutdownSeconds: number;
  rssMb: number;
}

/** The server started again in a fresh process over the same DATA_DIR, after the HTTP phase shut it down. */
export interface RestartPhaseResult {
  phase: 'restart';
  events: number;
  /** From the process's start (node, imports, store, buildApp, the runner resuming) to the first GET /decisions/:id answered with the read models at the head. */
  seconds: number;
  /** Of which: until buildApp resolved, and until the runner had committed the head. */
  builtSeconds: number;
  currentSeconds: number;
  /** The runner's position when it opened (its committed position), against the head. */
  resumedAt: number;
  rssMb: number;
}

/** A rebuild that has not caught up by then is reported as such, so the run stays bounded. */
export const REBUILD_LIMIT_SECONDS = 300;
/** The scale: one log of 1M events holding 100,000 decisions (about 10 events a decision). */
export const HTTP_EVENTS = 1_000_000;
export const EVENTS_PER_DECISION = 10;
/** As-of requests, each at its own random position, and the connections they come on (AS_OF_REPLAYS bounds the server's). */
export const AS_OF_REQUESTS = 400;
export const AS_OF_CONNECTIONS = 4;
/** Subject access requests, one after another. */
export const SUBJECT_ACCESS_REQUESTS = 5;
/** Partnership Board reports asked for one after another. */
export const REPORT_REQUESTS = 5;
export const RSS_SAMPLE_MS = 100;
export const HTTP_CONNECTIONS = 50;
export const HTTP_SECONDS = 10;
export const HTTP_WARMUP_SECONDS = 3;

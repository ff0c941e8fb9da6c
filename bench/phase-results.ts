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

export type PhaseResult = AppendPhaseResult | ReopenPhaseResult | ReplayPhaseResult;

// The evidence as JSON Lines: one full stored event per line, in log order, for the
// whole log or one decision's stream. Shared by `npm run export` and GET /audit/export.
import { decisionStream } from '../domain/decisions/decision-events.js';
import type { StoredEvent } from '../events/event.js';
import type { AuditSource } from './audit-source.js';

export interface ExportOptions {
  /** Only this decision's stream. */
  decision?: string | undefined;
}

/** One event as one line (with its newline), its fields always in the same order. */
export function exportLine(event: StoredEvent): string {
  const { id, stream, revision, position, type, schemaVersion, data, metadata, recordedAt } = event;
  return `${JSON.stringify({ id, stream, revision, position, type, schemaVersion, data, metadata, recordedAt })}\n`;
}

/** The events to export, in log order. */
export function exportedEvents(source: AuditSource, options: ExportOptions = {}): AsyncIterable<StoredEvent> {
  return options.decision === undefined ? source.events() : source.events({ stream: decisionStream(options.decision) });
}

export async function* exportLines(source: AuditSource, options: ExportOptions = {}): AsyncGenerator<string> {
  for await (const event of exportedEvents(source, options)) yield exportLine(event);
}

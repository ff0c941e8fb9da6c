// The one decoder from a checked log record to the event the store hands out, shared by
// the store and the read-only readers (the auditors' tools).
import type { StoredEvent } from '../../events/event.js';
import type { EventRegistry } from '../../events/event-registry.js';
import type { LogRecord } from './log-record.js';

/**
 * A checked record as the store hands it out: payload validated and lifted to the current
 * schema version (not parsed again when already current: this program wrote and checksummed it).
 */
export function storedEventOf(record: LogRecord, registry: EventRegistry): StoredEvent {
  const { schemaVersion, data } = registry.decode(record.type, record.schemaVersion, record.data, { writtenByUs: true });
  return {
    id: record.id,
    stream: record.stream,
    revision: record.revision,
    position: record.position,
    type: record.type,
    schemaVersion,
    data,
    metadata: record.metadata,
    recordedAt: record.recordedAt,
  };
}

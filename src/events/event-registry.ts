// Every event type the log may hold, with its current schema version and the
// upcasters that lift older stored payloads to it. Both adapters validate through
// this registry: on append (nothing is written if a payload is wrong) and on read.
import type { z } from 'zod';
import { InvalidEventError, PartnershipLogError, type FieldIssue } from '../errors.js';

/** Lifts a payload stored at version N to version N + 1. */
export type Upcaster = (data: unknown) => unknown;

export interface EventDefinition<Schema extends z.ZodType = z.ZodType> {
  type: string;
  /** The current schema version, from 1. */
  version: number;
  schema: Schema;
  /** upcasters[n] lifts version n to n + 1; one for every version below `version`. */
  upcasters?: Readonly<Record<number, Upcaster>>;
}

export interface EncodedPayload {
  schemaVersion: number;
  data: unknown;
}

export class EventRegistry {
  readonly #definitions = new Map<string, EventDefinition>();

  define(...definitions: EventDefinition[]): this {
    for (const definition of definitions) {
      if (this.#definitions.has(definition.type)) {
        throw new Error(`Event type ${definition.type} is defined twice`);
      }
      for (let v = 1; v < definition.version; v++) {
        if (!definition.upcasters?.[v]) {
          throw new Error(`Event type ${definition.type} has no upcaster from version ${v}`);
        }
      }
      this.#definitions.set(definition.type, definition);
    }
    return this;
  }

  has(type: string): boolean {
    return this.#definitions.has(type);
  }

  types(): string[] {
    return [...this.#definitions.keys()];
  }

  /** Validates a payload for writing; returns what is stored (the schema's output). */
  encode(type: string, data: unknown): EncodedPayload {
    const definition = this.#definition(type);
    return { schemaVersion: definition.version, data: parse(definition, data) };
  }

  /**
   * Lifts a stored payload to the current version and validates it. `writtenByUs`: the
   * payload comes from a log only this program writes, validated by encode() and guarded
   * by a checksum since, so a payload already at the current version is not parsed again
   * (on a replay of a million events, that second parse is a quarter of the time).
   */
  decode(type: string, schemaVersion: number, data: unknown, options: { writtenByUs?: boolean } = {}): EncodedPayload {
    const definition = this.#definition(type);
    if (schemaVersion > definition.version) {
      throw new InvalidEventError(type, [
        {
          path: '',
          message: `stored at schema version ${schemaVersion}, newer than this program knows (${definition.version})`,
        },
      ]);
    }
    if (options.writtenByUs && schemaVersion === definition.version) return { schemaVersion, data };
    let lifted = data;
    for (let v = schemaVersion; v < definition.version; v++) {
      const upcast = definition.upcasters?.[v];
      if (upcast) lifted = upcast(lifted);
    }
    return { schemaVersion: definition.version, data: parse(definition, lifted) };
  }

  #definition(type: string): EventDefinition {
    const definition = this.#definitions.get(type);
    if (!definition) {
      throw new PartnershipLogError('PL_ERR_UNKNOWN_EVENT_TYPE', `Event type ${type} is not registered.`);
    }
    return definition;
  }
}

function parse(definition: EventDefinition, data: unknown): unknown {
  const result = definition.schema.safeParse(data);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw new InvalidEventError(definition.type, issues);
}

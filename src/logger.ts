// pino, with redaction of everything that may carry a secret or personal data.
// Free text about people never goes to the log in the first place (one line per request:
// see src/http/request-log.ts); redaction is the net under that, in two layers:
// pino's `redact` for secrets and whole containers of untrusted input at known places,
// and a key-name censor at any depth for every personal field the domain records.
import pino, { type DestinationStream, type Logger } from 'pino';

export const CENSOR = '[redacted]';

/** Secrets, and containers of what a caller sent, wherever a log call might put them. */
export const redactedPaths = [
  // Tokens and credentials (the names below are also censored at any depth).
  'token',
  '*.token',
  'password',
  '*.password',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'headers',
  'req.headers',
  'res.headers',
  // Whatever a caller sent or a stored event holds: never logged whole.
  'body',
  'req.body',
  'query',
  'req.query',
  'url',
  'req.url',
  'payload',
  'data',
  'event.data',
];

/**
 * Every field that holds personal data or free text about a person, by name, censored at
 * any depth (`name`, `*.name`, `req.body.views[0].inOwnWords`…). From the facts in
 * src/domain/people/person-facts.ts, decisions/decision-facts.ts and contracts/contract-facts.ts.
 * pino's wildcard paths reach one level per `*` and cost ~30 µs a line for this many
 * names, so this set is applied by a walk of the logged object instead.
 */
export const personalFieldNames: ReadonlySet<string> = new Set([
  // The person register (sealed in the log; never in the clear anywhere else).
  'name',
  'contactDetails',
  'needsDetail',
  'ciphertext',
  // Decisions: views, changes, risks, support, answers — often in people's own words.
  'inOwnWords',
  'youSaid',
  'weDid',
  'reason',
  'reasons',
  'before',
  'after',
  'notes',
  'comments',
  'description',
  'whyWorthTaking',
  'mitigations',
  'howSupported',
  'decisionMakingAgreement',
  'whyLeastRestrictive',
  'answer',
  'answers',
  'message',
  'label',
  'summary',
  'easyReadSummary',
  'change',
  // Who did it: token names are free text an administrator chose.
  'actorName',
  // Secrets, wherever they are nested.
  'token',
  'secret',
  'password',
  'authorization',
  'cookie',
  'personal',
]);

/**
 * Every path pino redacts: the fixed places above, and each personal field at the top level.
 * Top-level paths are what reach a child logger's bindings, which pino stringifies on its own
 * (the censor below sees only each call's object); exact paths cost nothing per line.
 */
export const allRedactedPaths: readonly string[] = [...new Set([...redactedPaths, ...personalFieldNames])];

const MAX_DEPTH = 10;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The value with every personal field censored, copying only what changes. Errors and other
 * class instances pass through untouched (pino's serializers handle them; their messages
 * are the product's own sentences). `msg` strings are not inspected.
 */
export function censorPersonalFields(value: unknown, depth = 0): unknown {
  // Deeper than any object this product logs: censored whole rather than walked.
  if (depth > MAX_DEPTH) return typeof value === 'object' && value !== null ? CENSOR : value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, i) => {
      const censored = censorPersonalFields(item, depth + 1);
      if (censored !== item) (copy ??= [...value])[i] = censored;
    });
    return copy ?? value;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const item = value[key];
    const censored = personalFieldNames.has(key) && item !== undefined && item !== null ? CENSOR : censorPersonalFields(item, depth + 1);
    if (censored !== item) (copy ??= { ...value })[key] = censored;
  }
  return copy ?? value;
}

const censorObject = (object: Record<string, unknown>): Record<string, unknown> => {
  const censored = censorPersonalFields(object);
  return isPlainObject(censored) ? censored : object;
};

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      redact: { paths: [...allRedactedPaths], censor: CENSOR },
      formatters: { log: censorObject },
    },
    options.destination,
  );
}

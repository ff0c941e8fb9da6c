// The one serialisation that hashes and signatures are made over: JSON with object keys
// sorted and no white space, so equal content always gives equal bytes. Its output must
// never change, since stored hashes were made with it (test/unit/canonical-json.test.ts).

/** Object keys as `"key":`, kept because the same few dozen keys recur in every event. */
const quotedKeys = new Map<string, string>();

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = `${JSON.stringify(key)}:`;
    if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/**
 * Keys are sorted by UTF-16 code units, as `<` compares; undefined members are left out
 * as JSON.stringify leaves them. Written as plain loops: it runs for every event written.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (i > 0) out += ',';
      out += item === undefined ? 'null' : canonicalJson(item);
    }
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length > 1) keys.sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    out += (first ? '' : ',') + quotedKey(key) + canonicalJson(item);
    first = false;
  }
  return out + '}';
}

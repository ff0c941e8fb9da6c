// Where the runner keeps each projection's checkpoint and state between restarts:
// one JSON file per projection, replaced atomically (write, fsync, rename), readable by
// this user only (projection states hold what people said).
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { makePrivateFolder, openPrivate } from '../shared/private-files.js';

export interface Snapshot {
  version: number;
  position: number;
  state: unknown;
}

export interface SnapshotStore {
  load(name: string): Promise<Snapshot | undefined>;
  save(name: string, snapshot: Snapshot): Promise<void>;
}

export function fileSnapshotStore(folder: string): SnapshotStore {
  const file = (name: string) => join(folder, `${name}.json`);
  return {
    async load(name) {
      let text: string;
      try {
        text = await readFile(file(name), 'utf8');
      } catch {
        return undefined;
      }
      try {
        const parsed: unknown = JSON.parse(text);
        if (
          typeof parsed === 'object' &&
          parsed !== null &&
          'version' in parsed &&
          typeof parsed.version === 'number' &&
          'position' in parsed &&
          typeof parsed.position === 'number' &&
          'state' in parsed
        ) {
          return { version: parsed.version, position: parsed.position, state: parsed.state };
        }
      } catch {
        // A damaged snapshot is only a cache: rebuild from the log.
      }
      return undefined;
    },
    async save(name, snapshot) {
      await makePrivateFolder(folder);
      const temporary = `${file(name)}.tmp`;
      const handle = await openPrivate(temporary, 'w');
      try {
        await handle.writeFile(JSON.stringify(snapshot));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, file(name));
    },
  };
}

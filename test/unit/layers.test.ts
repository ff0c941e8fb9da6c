// The architecture, as the imports must keep it. Every relative import in src/ and
// projections/ is read and its two files placed in layers; an import that is not one of
// the edges below points the wrong way. From outside in:
//
//   web → http → commands → application → domain → events
//
// with beside them: projections (read models: events and the domain's words only), the
// store and the audit (both over the event kernel), privacy, auth, the projection runner,
// and shared (used by all, using none). Entry points (main, the CLI) wire the rest.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import t from 'tap';

const root = resolve(import.meta.dirname, '../..');

type Layer =
  | 'entry'
  | 'cli'
  | 'demo'
  | 'web'
  | 'http'
  | 'commands'
  | 'application'
  | 'privacy'
  | 'auth'
  | 'projection-runner'
  | 'read-models'
  | 'projections'
  | 'audit'
  | 'store'
  | 'store-port'
  | 'domain'
  | 'vocabulary'
  | 'events'
  | 'shared';

/** Which layer a file (relative to the repository) belongs to; first match wins. */
const placement: readonly [RegExp, Layer][] = [
  [/^src\/(errors|shared\/.*)\.ts$/, 'shared'],
  [/^src\/events\//, 'events'],
  // The domain's words: its value types, the actor, its event and fact schemas. Readers may use them.
  [/^src\/domain\/(actor|shared\/(vocabulary|provenance|when-it-happened)|[^/]+\/[^/]+-(events|facts))\.ts$/, 'vocabulary'],
  [/^src\/domain\//, 'domain'],
  [/^src\/store\/event-store\.ts$/, 'store-port'],
  [/^src\/store\//, 'store'],
  [/^src\/audit\//, 'audit'],
  [/^src\/application\//, 'application'],
  [/^src\/privacy\//, 'privacy'],
  [/^src\/auth\//, 'auth'],
  [/^src\/projection-runner\//, 'projection-runner'],
  [/^src\/read-models\//, 'read-models'],
  [/^projections\//, 'projections'],
  [/^src\/commands\//, 'commands'],
  [/^src\/http\//, 'http'],
  [/^src\/web\//, 'web'],
  [/^src\/cli\//, 'cli'],
  [/^src\/demo\//, 'demo'],
  // The composition: the app built from every layer, configuration, logging, the registry of every event type, the server's start.
  [/^src\/(app|main|config|logger|registry|data-folders)\.ts$/, 'entry'],
];

/** What each layer may import, besides itself and shared. */
const allowed: Record<Layer, readonly Layer[]> = {
  shared: [],
  events: [],
  vocabulary: ['events'],
  domain: ['vocabulary', 'events'],
  'store-port': ['events'],
  store: ['store-port', 'events'],
  // The audit reads the embedded log's file itself (read-only), records chain breaks with a
  // decider of its own, and prints the evidence pack from the read models.
  audit: ['store-port', 'store', 'events', 'vocabulary', 'domain', 'projections'],
  // Read models: events and the domain's words, and its pure calculations (a contract's
  // money, a decision's status) so that they are written once.
  projections: ['events', 'vocabulary', 'domain'],
  application: ['domain', 'vocabulary', 'events', 'store-port'],
  privacy: ['projections', 'vocabulary', 'events', 'store-port'],
  auth: ['vocabulary'],
  // The runner reads the streams that concern one decision by the domain's stream names.
  'projection-runner': ['read-models', 'projections', 'events', 'vocabulary', 'store-port', 'store', 'entry'],
  // The read-model database: documents of the projections, written in transactions.
  'read-models': ['projections', 'events'],
  commands: ['application', 'domain', 'vocabulary', 'events', 'privacy'],
  http: ['commands', 'application', 'domain', 'vocabulary', 'events', 'store-port', 'projections', 'projection-runner', 'audit', 'privacy', 'auth'],
  web: ['http', 'commands', 'projections', 'auth'],
  demo: ['auth', 'vocabulary'],
  cli: ['entry', 'audit', 'auth', 'projection-runner', 'projections', 'store-port', 'store', 'vocabulary', 'events'],
  // The composition root (src/app.ts) wires every layer together; nothing imports it but the entry points.
  entry: ['web', 'http', 'commands', 'application', 'privacy', 'auth', 'projection-runner', 'read-models', 'projections', 'demo', 'store', 'store-port', 'audit', 'domain', 'vocabulary', 'events'],
};

/**
 * Imports that point the wrong way today, each to be removed by the change its TODO names.
 * Listed by file (or folder, ending in '/') pair, so a new wrong import elsewhere still fails.
 */
const knownExceptions: readonly { from: string; to: string; todo: string }[] = [];

/** Import circles known today, each named by the files in it. */
const knownCircles: readonly { files: readonly string[]; todo: string }[] = [];

interface Import {
  from: string;
  to: string;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|^import\s+['"](\.[^'"]+)['"]/gm;

function importsOf(file: string): Import[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => {
    const specifier = match[1] ?? match[2] ?? match[3] ?? '';
    return { from: file, to: relative(root, resolve(root, dirname(file), specifier)).replace(/\.js$/, '.ts') };
  });
}

function covers(exception: { from: string; to: string }, { from, to }: Import): boolean {
  const within = (path: string, listed: string) => (listed.endsWith('/') ? path.startsWith(listed) : path === listed);
  return within(from, exception.from) && within(to, exception.to);
}

function excused(anImport: Import): boolean {
  return knownExceptions.some((exception) => covers(exception, anImport));
}

function layerOf(file: string): Layer | undefined {
  return placement.find(([pattern]) => pattern.test(file))?.[1];
}

const files = [...sourceFiles('src'), ...sourceFiles('projections')];
const imports = files.flatMap(importsOf);

t.test('every file in src/ and projections/ belongs to a layer', async (t) => {
  t.same(files.filter((file) => layerOf(file) === undefined), []);
});

t.test('every import points inwards, along an allowed edge', async (t) => {
  const wrong = imports
    .filter(({ from, to }) => {
      const a = layerOf(from);
      const b = layerOf(to);
      if (!a || !b || a === b || b === 'shared') return false;
      return !allowed[a].includes(b);
    })
    .filter((anImport) => !excused(anImport))
    .map(({ from, to }) => `${from} (${layerOf(from)}) → ${to} (${layerOf(to)})`);
  t.same(wrong, [], 'imports against the layers');
});

t.test('the event kernel depends on nothing but zod, node:crypto and shared', async (t) => {
  const packages = files
    .filter((file) => layerOf(file) === 'events')
    .flatMap((file) => [...readFileSync(join(root, file), 'utf8').matchAll(/from\s*['"]([^.'"][^'"]*)['"]/g)].map((m) => `${file} → ${m[1]}`))
    .filter((edge) => !/ → (zod|node:crypto)$/.test(edge));
  t.same(packages, []);
});

t.test('the HTTP layer reaches the store only through its port', async (t) => {
  const concrete = imports.filter(({ from, to }) => layerOf(from) === 'http' && layerOf(to) === 'store');
  t.same(
    concrete.filter((anImport) => !excused(anImport)).map(({ from, to }) => `${from} → ${to}`),
    [],
  );
});

t.test('each known exception is still there (remove it from the list when it is fixed)', async (t) => {
  for (const exception of knownExceptions) {
    t.ok(
      imports.some((anImport) => covers(exception, anImport)),
      `${exception.from} → ${exception.to} is gone: take it off the list (${exception.todo})`,
    );
  }
});

t.test('no import circle between files', async (t) => {
  const next = new Map<string, string[]>();
  for (const { from, to } of imports) next.set(from, [...(next.get(from) ?? []), to]);
  const circles: string[] = [];
  const done = new Set<string>();
  const visit = (file: string, path: string[]): void => {
    const at = path.indexOf(file);
    if (at !== -1) {
      circles.push([...path.slice(at), file].join(' → '));
      return;
    }
    if (done.has(file)) return;
    for (const to of next.get(file) ?? []) visit(to, [...path, file]);
    done.add(file);
  };
  for (const file of files) visit(file, []);
  const known = (circle: string) => knownCircles.some((k) => k.files.every((file) => circle.split(' → ').includes(file)));
  t.same(circles.filter((circle) => !known(circle)), [], 'import circles');
  for (const k of knownCircles) t.ok(circles.some(known), `the circle ${k.files.join(' ↔ ')} is gone: take it off the list (${k.todo})`);
});

t.test('the layer reader finds the imports it must judge', async (t) => {
  // Guards the reader itself: a regular expression that matched nothing would pass every rule.
  t.ok(imports.some(({ from, to }) => from === 'src/application/command-handler.ts' && to === 'src/events/chain-events.ts'));
  t.ok(imports.some(({ from, to }) => from === 'src/store/event-store.ts' && to === 'src/events/event.ts'), 'type-only imports and re-exports count');
  t.ok(imports.length > 300);
});

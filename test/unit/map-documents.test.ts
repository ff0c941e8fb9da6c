// The in-memory documents replays and tests fold into answer as the server's store does:
// entries in the order each key was first set (again after a delete), and indexes that
// follow a document changed in place and set again.
import t from 'tap';
import { MapDocuments } from '../../projections/documents.js';

interface Doc {
  tags: string[];
}

t.test('an index follows a document changed in place, a delete and a key set again', async (t) => {
  const docs = new MapDocuments<Doc>({ tag: (doc) => doc.tags });
  docs.set('a', { tags: ['red'] });
  docs.set('b', { tags: ['red', 'blue'] });
  docs.set('c', { tags: ['blue'] });
  t.same(docs.withIndex('tag', 'red').map((d) => d.tags), [['red'], ['red', 'blue']]);

  const b = docs.get('b');
  if (b) b.tags = ['green'];
  if (b) docs.set('b', b);
  t.same(docs.withIndex('tag', 'red').map((d) => d.tags), [['red']], 'b no longer red: its old values were kept at its last set');
  t.same(docs.withIndex('tag', 'green').length, 1);

  docs.delete('a');
  t.same(docs.withIndex('tag', 'red'), []);
  docs.set('a', { tags: ['blue'] });
  t.same([...docs.entries()].map(([key]) => key), ['b', 'c', 'a'], 'a set again after a delete comes last');
  t.same(
    docs.withIndex('tag', 'blue').map((d) => d.tags),
    [['blue'], ['blue']],
    'c, then a: in the order each was first set',
  );
  t.throws(() => docs.withIndex('colour', 'red'), /No index called colour/);
});

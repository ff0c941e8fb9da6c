// Stored hashes were made with canonicalJson: its output for any input must never change.
import t from 'tap';
import { canonicalJson } from '../../src/events/canonical-json.js';

t.test('keys sorted by code unit at every depth, no white space, undefined dropped as JSON does', async (t) => {
  const value = { b: 1, a: [undefined, { z: undefined, é: 2, E: 3, '\u2028': 'x"' }, null], c: true, A: -0, d: 1.5e300, '': 'empty' };
  t.equal(canonicalJson(value), '{"":"empty","A":0,"a":[null,{"E":3,"é":2,"\u2028":"x\\""},null],"b":1,"c":true,"d":1.5e+300}');
  t.equal(canonicalJson([]), '[]');
  t.equal(canonicalJson({}), '{}');
  t.equal(canonicalJson('x'), '"x"');
  t.equal(canonicalJson(Number.NaN), 'null');
  t.equal(canonicalJson({ b: { d: 1, c: 2 }, a: 0 }), '{"a":0,"b":{"c":2,"d":1}}');
});

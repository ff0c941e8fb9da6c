// Derived event ids: the expected values were computed independently with Python's
// uuid.uuid5(UUID('5cd4cdab-0150-4cec-b852-a83cc3c0a434'), f'{seed}:{index}').
import t from 'tap';
import { isUuid } from '../../src/store/append-rules.js';
import { EVENT_ID_NAMESPACE, deterministicEventId } from '../../src/events/event-ids.js';

t.test('the ids are RFC 4122 version 5 uuids of seed and index', async (t) => {
  t.equal(EVENT_ID_NAMESPACE, '5cd4cdab-0150-4cec-b852-a83cc3c0a434');
  t.equal(deterministicEventId('cmd-1', 0), 'c50ef4d7-60e1-5d59-a0d1-8d123e194a02');
  t.equal(deterministicEventId('cmd-1', 1), '11eb7f33-43b0-5def-8da5-6850fe1cad2a');
  t.equal(
    deterministicEventId('3f0c5a4e-0000-4000-8000-000000000001', 0),
    'e319135c-53a2-5e90-83a3-ac1c578cb96d',
  );
  t.equal(deterministicEventId('café', 7), 'ce85855f-8cfc-54b6-b8cf-612bfca473b4', 'the seed is read as UTF-8');
});

t.test('the same seed and index give the same id; anything else another', async (t) => {
  const id = deterministicEventId('cmd-2', 3);
  t.equal(deterministicEventId('cmd-2', 3), id);
  t.not(deterministicEventId('cmd-2', 4), id);
  t.not(deterministicEventId('cmd-3', 3), id);
  t.ok(isUuid(id), 'the store accepts it as an event id');
  t.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'version 5, RFC 4122 variant');
});

t.test('a seed and an index are required', async (t) => {
  t.throws(() => deterministicEventId('', 0), { code: 'PL_ERR_VALIDATION' });
  t.throws(() => deterministicEventId('cmd-1', -1), { code: 'PL_ERR_VALIDATION' });
  t.throws(() => deterministicEventId('cmd-1', 1.5), { code: 'PL_ERR_VALIDATION' });
});

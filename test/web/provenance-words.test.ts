// Provenance in plain words, beside every view, risk acceptance and change (issue 15).
import t from 'tap';
import { provenanceWords } from '../../src/web/words.js';

const recordedFor = {
  recordedBy: { role: 'provider', organisation: 'Northway Homes' },
  byThePerson: false,
  recordedFor: 'P-HS01',
  gathered: 'in-a-meeting' as const,
  readBack: true,
  happenedAt: '2027-03-03T10:00:00Z',
  recordedAt: '2027-03-03T15:00:00Z',
  answers: [],
};

t.test('who said it, who recorded it, how, and whether they confirmed it', async (t) => {
  t.equal(provenanceWords('P-HS01', recordedFor), 'said by P-HS01, recorded by Northway Homes in a meeting, read back to them and not yet confirmed by them');
  const confirmed = { ...recordedFor, answers: [{ kind: 'confirmed' as const, personId: 'P-HS01', at: '2027-03-03T16:00:00Z', eventId: 'e1' }] };
  t.equal(provenanceWords('P-HS01', confirmed), 'said by P-HS01, recorded by Northway Homes in a meeting, read back to them and confirmed by P-HS01 on 3 March 2027');
  const own = { recordedBy: { role: 'self-advocate', name: 'Speaking Up Together' }, byThePerson: true, happenedAt: '2027-03-03T10:00:00Z', recordedAt: '2027-03-03T10:00:00Z', answers: [] };
  t.equal(provenanceWords('P-HS01', own), 'said and recorded by P-HS01');
  const late = { ...recordedFor, readBack: false, gathered: 'phone' as const, recordedAt: '2027-04-20T10:00:00Z' };
  t.equal(
    provenanceWords('P-HS01', late),
    'said by P-HS01, recorded by Northway Homes by phone, not read back to them and not yet confirmed by them (it happened on 3 March 2027, recorded on 20 April 2027)',
  );
});

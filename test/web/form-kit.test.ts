// What the form reader makes of a typed date and time: the browser's picker gives
// "2026-03-01T10:00", read as this server's local time; a day that is not on the
// calendar is refused next to the field, never rolled over into the next month.
import t from 'tap';
import { FormReader, hasErrors } from '../../src/web/forms/form-kit.js';

t.test('a date and time from the picker becomes the same local moment as an ISO time', async (t) => {
  for (const typed of ['2026-03-01T10:00', '2026-03-01 10:00', '2024-02-29T23:59:30']) {
    const reader = new FormReader({ sharedAt: typed });
    const iso = reader.dateTime('sharedAt');
    t.notOk(hasErrors(reader.errors), `${typed} is accepted`);
    const [date = '', time = ''] = typed.split(/[T ]/);
    const [year, month, day] = date.split('-').map(Number);
    const [hour, minute, second = 0] = time.split(':').map(Number);
    t.equal(iso, new Date(year ?? 0, (month ?? 1) - 1, day, hour, minute, second).toISOString(), `${typed} is that moment`);
  }
});

t.test('a day or a time that does not exist is refused, not moved to another day', async (t) => {
  for (const typed of ['2026-02-30T10:00', '2026-02-29T10:00', '2026-04-31T09:00', '2026-03-01T24:00', '2026-03-01T10:60', '30/02/2026 10:00']) {
    const reader = new FormReader({ sharedAt: typed });
    t.equal(reader.dateTime('sharedAt'), undefined, `${typed} gives no time`);
    t.match(reader.errors.byField.sharedAt, [/Write a date and time/], `${typed} is refused next to its field`);
  }
});

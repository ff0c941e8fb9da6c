// A day in words, the one way the pages, the read models' sentences and the evidence pack say it.

/** "1 March 2026" (a bare day is taken at noon, so no time zone moves it to the day before). */
export function dateWords(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
}

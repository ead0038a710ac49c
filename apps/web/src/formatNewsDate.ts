/** "2026-09-13" → "13/09", as the portal shows its news; anything else as given. */
export function formatNewsDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[3]}/${m[2]}` : date;
}

// Building a formatter costs far more than using one: made once per process.
const parisDay = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Paris" });

const HOUR_MS = 3_600_000;
// France is a whole number of hours from UTC, summer and winter, and changes hour on the hour: its
// day never changes within a UTC hour. Formatting costs some 20 µs, a good part of a step's own
// work, so each hour's day is formatted once.
let cachedHour = Number.NaN;
let cachedDay = "";

/** The day in France, YYYY-MM-DD: what "in the past" means to a French citizen typing a birth date. */
export function frenchDay(now: Date): string {
  const hour = Math.floor(now.getTime() / HOUR_MS);
  if (hour !== cachedHour) {
    cachedDay = parisDay.format(now);
    cachedHour = hour;
  }
  return cachedDay;
}

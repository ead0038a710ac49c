// Building a formatter costs far more than using one: made once per process.
const parisDay = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Paris" });

/** The day in France, YYYY-MM-DD: what "in the past" means to a French citizen typing a birth date. */
export const frenchDay = (now: Date) => parisDay.format(now);

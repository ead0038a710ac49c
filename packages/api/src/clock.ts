/** The day in France, YYYY-MM-DD: what "in the past" means to a French citizen typing a birth date. */
export const frenchDay = (now: Date) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Paris" }).format(now);

/** Element ids of a field, so labels, hints, errors and the error summary's links all agree. */
export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
export const hintId = (name: string) => `${fieldId(name)}-hint`;
export const errorId = (name: string) => `${fieldId(name)}-error`;

export const describedBy = (name: string, hint: boolean, error: boolean, ...more: string[]) =>
  [hint ? hintId(name) : "", error ? errorId(name) : "", ...more].filter(Boolean).join(" ") || undefined;

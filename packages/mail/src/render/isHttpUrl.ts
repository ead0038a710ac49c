/** Links in e-mails must be absolute http(s) URLs: a `javascript:` or relative link is a bug upstream. */
export function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === "https:" || protocol === "http:";
}

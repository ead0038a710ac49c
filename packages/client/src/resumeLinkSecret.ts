/**
 * The secret of a resume link, from the address's fragment: `#jeton=…`, or the bare `#…` of earlier links.
 * It rides in the fragment, which no server log or Referer carries.
 */
export function resumeLinkSecret(hash: string): string {
  const fragment = hash.replace(/^#/, "");
  return fragment.startsWith("jeton=") ? decodeURIComponent(fragment.slice("jeton=".length)) : fragment;
}

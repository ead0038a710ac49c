/**
 * The tab's icon, in the tenant's colour: a rounded square with a white "G", served at /favicon.svg for
 * both apps. A colour that isn't plain hex (a tenant file is free text) falls back to the default blue.
 */
export function faviconSvg(color: string): string {
  const fill = /^#[0-9a-f]{3,8}$/i.test(color) ? color : "#1d5b8f";
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="${fill}"/><path d="M46 24a16 16 0 1 0 2 12H33" fill="none" stroke="#fff" stroke-width="7" stroke-linecap="round"/></svg>`;
}

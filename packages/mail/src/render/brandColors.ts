const WHITE = "#ffffff";
const INK = "#1f1f1f";

export interface BrandColors {
  primary: string;
  /** Text on the primary colour: white or ink, whichever contrasts more. */
  onPrimary: string;
  /** Links on white: the primary colour when it is readable there (WCAG AA, 4.5:1), else ink. */
  link: string;
}

/**
 * Derives readable colours from the tenant's primary colour. Only hex colours pass: the value is
 * written into CSS, where HTML escaping would not stop `red;background:url(…)`.
 */
export function brandColors(primaryColor: string): BrandColors {
  const match = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.exec(primaryColor.trim());
  if (!match) throw new Error(`primaryColor must be a hex colour like #1d4f91, got ${JSON.stringify(primaryColor)}`);
  const primary = expand(match[0].toLowerCase());
  const onPrimary = contrast(primary, WHITE) >= contrast(primary, INK) ? WHITE : INK;
  const link = contrast(primary, WHITE) >= 4.5 ? primary : INK;
  return { primary, onPrimary, link };
}

function expand(hex: string): string {
  return hex.length === 4 ? `#${[...hex.slice(1)].map((digit) => digit + digit).join("")}` : hex;
}

/** WCAG 2 contrast ratio between two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const channel = parseInt(hex.slice(at, at + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * An address as a screen may show it to whoever holds the device: its first letter, then bullets, then
 * the domain ("m••••@exemple.fr"). Enough for the citizen to recognise it, not enough to learn it.
 */
export function maskEmail(email: string): string {
  const address = email.trim();
  const at = address.lastIndexOf("@");
  if (at <= 0) return "••••";
  return `${Array.from(address)[0]}••••${address.slice(at)}`;
}

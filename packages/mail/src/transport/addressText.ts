import type { AddressObject } from "mailparser";

/** A parsed To header as one line of text. */
export function addressText(to: AddressObject | AddressObject[] | undefined): string {
  if (!to) return "";
  return Array.isArray(to) ? to.map((address) => address.text).join(", ") : to.text;
}

import { fr, maskEmail, type FlowView } from "@guichet/schema";

// The address the citizen confirmed on RÉCAPITULATIF, by flow: in this page's memory only, never stored.
const confirmed = new Map<string, string>();

/** Remembers the e-mail address a sign-up's review shows, for its final page. */
export function rememberTypedAddress(view: FlowView) {
  const contacts = view.review?.find((g) => g.step === "contacts");
  const address = contacts?.items.find((i) => i.label === fr.contacts.courriel)?.value;
  if (address) confirmed.set(view.token, address);
}

/**
 * Where the final page says the e-mail went. The server masks the address (m••••@example.fr); the person who
 * just typed it sees it in full, so a typo shows while it can still be fixed. Only the address this page saw on
 * the review, and only when it is the one the server masked; masked otherwise (a reload, a kiosk's next user).
 */
export function sentToShown(token: string, masked: string): string {
  const address = confirmed.get(token);
  return address && maskEmail(address) === masked ? address : masked;
}

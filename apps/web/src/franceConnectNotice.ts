import { fr } from "@guichet/schema";

type Sentences = Readonly<Record<string, string>>;

/**
 * What FranceConnect's callback said, when it could not fill IDENTITÉ or open the espace: the server redirects
 * to the page with `#franceconnect=<sentence>` (a key of the catalogue, never a text of its own, so no link can
 * make the page say something else). Read once, then taken out of the address.
 */
export function takeFranceConnectNotice(which: "signup" | "login"): string | undefined {
  if (typeof window === "undefined") return undefined;
  const match = /^#franceconnect=([A-Za-z]+)$/.exec(window.location.hash);
  if (!match) return undefined;
  window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
  const key = match[1]!;
  const sentences: Sentences =
    which === "login" ? { ...fr.franceConnect.loginFailures, tooMany: fr.franceConnect.failures.tooMany } : fr.franceConnect.failures;
  return Object.hasOwn(sentences, key) ? sentences[key] : undefined;
}

import { useEffect, useState } from "react";
import { fr } from "@guichet/schema";

type Sentences = Readonly<Record<string, string>>;

const NOTICE = /^#franceconnect=([A-Za-z]+)$/;

/**
 * What FranceConnect's callback said, when it could not fill IDENTITÉ or open the espace: the server redirects
 * to the page with `#franceconnect=<sentence>` (a key of the catalogue, never a text of its own, so no link can
 * make the page say something else). Only read here: a render may be thrown away and run again (an interrupted
 * or suspended first render, StrictMode), and a reading that took the key out of the address lost the sentence
 * for the render that stayed, which showed the page with no word of why.
 */
export function readFranceConnectNotice(which: "signup" | "login"): string | undefined {
  if (typeof window === "undefined") return undefined;
  const match = NOTICE.exec(window.location.hash);
  if (!match) return undefined;
  const key = match[1]!;
  const sentences: Sentences =
    which === "login" ? { ...fr.franceConnect.loginFailures, tooMany: fr.franceConnect.failures.tooMany } : fr.franceConnect.failures;
  return Object.hasOwn(sentences, key) ? sentences[key] : undefined;
}

/** Takes the key out of the address, once the page shows the sentence: a reload does not say it again. */
export function forgetFranceConnectNotice(): void {
  if (typeof window === "undefined" || !NOTICE.test(window.location.hash)) return;
  window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
}

/** The sentence, read while rendering and forgotten from the address after the page is shown. */
export function useFranceConnectNotice(which: "signup" | "login"): string | undefined {
  const [notice] = useState(() => readFranceConnectNotice(which));
  useEffect(() => {
    if (notice) forgetFranceConnectNotice();
  }, [notice]);
  return notice;
}

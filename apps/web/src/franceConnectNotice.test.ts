import { afterEach, describe, expect, it } from "vitest";
import { fr } from "@guichet/schema";
import { forgetFranceConnectNotice, readFranceConnectNotice } from "./franceConnectNotice";

/** The address bar as far as these functions look: location and history.replaceState. */
function at(url: string) {
  const location = new URL(url);
  const w = {
    location,
    history: {
      state: null,
      replaceState: (_state: unknown, _title: string, to: string) => {
        const next = new URL(to, location);
        location.hash = next.hash;
      },
    },
  };
  (globalThis as { window?: unknown }).window = w;
  return w;
}

afterEach(() => delete (globalThis as { window?: unknown }).window);

describe("the sentence FranceConnect's callback left in the address", () => {
  it("is said by every render that reads it (a first render thrown away and run again, as React may do), then forgotten once", () => {
    const w = at("http://guichet.test/inscription#franceconnect=cancelled");
    // Two renders, the first one discarded: both find the sentence.
    expect(readFranceConnectNotice("signup")).toBe(fr.franceConnect.failures.cancelled);
    expect(readFranceConnectNotice("signup")).toBe(fr.franceConnect.failures.cancelled);
    expect(w.location.hash).toBe("#franceconnect=cancelled");
    forgetFranceConnectNotice();
    expect(w.location.hash).toBe("");
    expect(readFranceConnectNotice("signup")).toBeUndefined();
  });

  it("says every failure the callback sends, on the sign-up and at login, and nothing for a key it does not know", () => {
    for (const key of Object.keys(fr.franceConnect.failures) as Array<keyof typeof fr.franceConnect.failures>) {
      at(`http://guichet.test/inscription#franceconnect=${key}`);
      expect(readFranceConnectNotice("signup"), key).toBe(fr.franceConnect.failures[key]);
    }
    for (const key of Object.keys(fr.franceConnect.loginFailures) as Array<keyof typeof fr.franceConnect.loginFailures>) {
      at(`http://guichet.test/#franceconnect=${key}`);
      expect(readFranceConnectNotice("login"), key).toBe(fr.franceConnect.loginFailures[key]);
    }
    at("http://guichet.test/#franceconnect=tooMany");
    expect(readFranceConnectNotice("login")).toBe(fr.franceConnect.failures.tooMany);
    at("http://guichet.test/inscription#franceconnect=toString");
    expect(readFranceConnectNotice("signup")).toBeUndefined();
    const other = at("http://guichet.test/inscription#contenu");
    forgetFranceConnectNotice();
    expect(other.location.hash).toBe("#contenu");
  });
});

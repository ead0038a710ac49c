import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { FlowState, GuichetClient } from "@guichet/client";
import { fr, identityStep, type FlowView } from "@guichet/schema";
import { FlowPage } from "./FlowPage";
import { GuichetProvider } from "./GuichetContext";
import type { TenantInfo } from "./TenantInfo";

const view = (step: "welcome" | "identity", more: Partial<FlowView> = {}): FlowView => ({
  kind: "registration",
  token: "a-flow-token-of-the-test-0123456789abcdefgh",
  version: 3,
  status: "active",
  step,
  title: step === "welcome" ? "BIENVENUE" : "IDENTITÉ",
  progress: { current: step === "welcome" ? 0 : 2, total: 8 },
  fields: step === "identity" ? (identityStep.fields ?? []).map((f) => ({ ...f, value: "" })) : [],
  errors: {},
  can: { next: true, back: step !== "welcome", cancel: true },
  editing: false,
  ...more,
});

const flowOf = (v: FlowView): FlowState => ({
  view: v,
  status: "ready",
  pending: false,
  error: null,
  moves: 0,
  start: async () => undefined,
  send: async () => undefined,
  cancel: async () => false,
  forget: () => undefined,
  adopt: () => undefined,
});

/** The page as the server would draw it, for a web page or a kiosk, with FranceConnect offered or not. */
function draw(v: FlowView, { kiosk = false, franceConnect = true } = {}) {
  return renderToStaticMarkup(
    <GuichetProvider client={{} as GuichetClient} tenant={{ franceConnect } as TenantInfo} autofill={!kiosk} kiosk={kiosk}>
      <FlowPage flow={flowOf(v)} onExit={() => undefined} draftStorage={null} />
    </GuichetProvider>,
  );
}

describe("FranceConnect's button", () => {
  it("is offered on the web, on BIENVENUE and IDENTITÉ, as a POST form carrying the flow's token in its body", () => {
    for (const step of ["welcome", "identity"] as const) {
      const html = draw(view(step));
      expect(html).toContain('action="/franceconnect/login" method="post"');
      expect(html).toContain('name="token" value="a-flow-token-of-the-test-0123456789abcdefgh"');
      expect(html).toContain("S’identifier avec");
      expect(html).toContain('href="https://franceconnect.gouv.fr/" target="_blank"');
      expect(html).not.toContain("franceconnect/login?");
    }
  });

  it("is never offered at the kiosk, nor when the server does not offer FranceConnect", () => {
    for (const step of ["welcome", "identity"] as const) {
      expect(draw(view(step), { kiosk: true })).not.toContain("franceconnect");
      expect(draw(view(step), { franceConnect: false })).not.toContain("franceconnect");
    }
  });

  it("gives way, on IDENTITÉ certified, to the certified fields drawn read-only", () => {
    const certified = view("identity", {
      fields: (identityStep.fields ?? []).map((f) => ({ ...f, value: f.name === "nomUsuel" ? "BOYET" : f.name === "paysNaissance" ? "FR" : "" })),
      certified: { by: "FranceConnect", fields: ["nomUsuel", "paysNaissance"], labels: { nomUsuel: "BOYET", paysNaissance: "FRANCE" } },
    });
    const html = draw(certified);
    expect(html).not.toContain('action="/franceconnect/login"');
    expect(html).toContain(fr.identity.certified);
    expect(html).toMatch(/<input id="f-nomUsuel"[^>]*readOnly=""[^>]*value="BOYET"|<input id="f-nomUsuel"[^>]*value="BOYET"[^>]*readOnly=""/i);
    expect(html).toMatch(/value="FRANCE"/);
    // The photo stays free.
    expect(html).toContain(fr.identity.photo);
  });
});

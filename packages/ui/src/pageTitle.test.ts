import { describe, expect, it } from "vitest";
import { pageTitle } from "./pageTitle";

describe("pageTitle", () => {
  it("joins the page, the démarche and the tenant's short name", () => {
    expect(pageTitle("IDENTITÉ (2/8)", "Inscription", "CCPLM")).toBe("IDENTITÉ (2/8) – Inscription – CCPLM");
    expect(pageTitle("Accueil", undefined, "", "CCPLM")).toBe("Accueil – CCPLM");
  });

  it("stays within 70 characters: the middle parts go first, then the page's words are shortened", () => {
    const long = pageTitle("Erreur : CONTRÔLE DE SÉCURITÉ (8/8)", "Création d'un espace personnel", "Communauté de communes");
    expect(long).toBe("Erreur : CONTRÔLE DE SÉCURITÉ (8/8) – Communauté de communes");
    const cut = pageTitle("x".repeat(80), "Inscription", "CCPLM");
    expect(cut.length).toBeLessThanOrEqual(70);
    expect(cut).toMatch(/^x+… – CCPLM$/);
    expect(pageTitle("y".repeat(90)).length).toBe(70);
  });

  it("counts a no-break space as the markup writes it (&nbsp;), so the page's HTML stays within 70 characters too", () => {
    const title = pageTitle("Erreur\u00a0: NOUVEAU MOT DE PASSE (1/2)", "CHANGER MON MOT DE PASSE", "CCPLM");
    expect(title).toBe("Erreur\u00a0: NOUVEAU MOT DE PASSE (1/2) – CCPLM");
    expect(pageTitle("\u00a0".repeat(20) + "z".repeat(60), "CCPLM").replaceAll("\u00a0", "&nbsp;").length).toBeLessThanOrEqual(70);
  });
});

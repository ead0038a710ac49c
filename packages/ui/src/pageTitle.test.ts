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
});

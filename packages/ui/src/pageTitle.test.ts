import { describe, expect, it } from "vitest";
import { flowPageTitle, pageTitle } from "./pageTitle";

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

  it("keeps the démarche's name in a flow's title, an error's included, dropping the step's number first", () => {
    const refused = flowPageTitle("Erreur\u00a0: NOUVEAU MOT DE PASSE", " (1/2)", "CHANGER MON MOT DE PASSE", "CCPLM");
    expect(refused).toBe("Erreur\u00a0: NOUVEAU MOT DE PASSE – CHANGER MON MOT DE PASSE – CCPLM");
    expect(flowPageTitle("Erreur\u00a0: MOYENS DE CONTACT", " (2/3)", "MODIFIER MES COORDONNÉES", "CCPLM")).toContain("MODIFIER MES COORDONNÉES");
    expect(flowPageTitle("IDENTITÉ", " (2/8)", "Inscription", "CCPLM")).toBe("IDENTITÉ (2/8) – Inscription – CCPLM");
    expect(flowPageTitle("x".repeat(80), " (1/2)", "Inscription", "CCPLM").length).toBeLessThanOrEqual(70);
  });
});

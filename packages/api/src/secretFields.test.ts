import { describe, expect, it } from "vitest";
import { stepRegistry } from "@guichet/schema";
import { contextWithoutSecrets, secretFieldsOf, withoutSecrets } from "./secretFields";

describe("the rule that keeps passwords out of snapshots", () => {
  it("knows a step's password fields from the step registry alone", () => {
    expect([...secretFieldsOf(stepRegistry.newPassword)]).toEqual(["currentPassword", "password", "confirmation"]);
    expect([...secretFieldsOf(stepRegistry.credentials)]).toEqual(["password", "confirmation"]);
    // « Changer mon adresse électronique »: its confirmation is an address, kept; its current password is not.
    expect([...secretFieldsOf(stepRegistry.newEmail)]).toEqual(["currentPassword"]);
    expect(secretFieldsOf(stepRegistry.address).size).toBe(0);
  });

  it("drops them from a draft and from every draft and answer a context keeps by step", () => {
    const typed = { currentPassword: "Ancien1975", password: "Nouveau2026", confirmation: "Nouveau2026" };
    expect(withoutSecrets(typed, stepRegistry.newPassword)).toEqual({});
    const context = {
      accountId: "a",
      answers: { newEmail: { courriel: "m@example.fr", currentPassword: "Ancien1975" } },
      drafts: { newEmail: { courriel: "m@example.fr", confirmation: "m@example.fr", currentPassword: "Ancien1975" } },
    };
    const kept = contextWithoutSecrets(context, { newEmail: stepRegistry.newEmail! });
    expect(JSON.stringify(kept)).not.toContain("Ancien1975");
    expect(kept.drafts).toEqual({ newEmail: { courriel: "m@example.fr", confirmation: "m@example.fr" } });
  });
});

import { describe, expect, it } from "vitest";
import { fr } from "@guichet/schema";
import { flowView } from "./flowView";
import { ccplm } from "./tenant/ccplm";
import { registrationFlow } from "./flows/registration";

const places = { country: (c: string) => c, departement: () => undefined, commune: () => undefined, street: (v: string) => v };
const view = (stateValue: unknown, context: Record<string, unknown> = {}, tenant = ccplm) =>
  flowView(
    { token: "t", version: 1, stateValue, context: { answers: {}, drafts: {}, returnToReview: false, errors: {}, ...context }, errors: {} },
    registrationFlow,
    { tenant, places },
  );

describe("flowView", () => {
  it("tells the final page where the e-mail went, masked, and how long the activation lasts", () => {
    expect(view("done", { sentTo: "m••••@exemple.fr" }).done).toEqual({ sentTo: "m••••@exemple.fr", activationHours: 72 });
    expect(view("done").done).toEqual({ activationHours: 72 });
    expect(view({ contacts: "answering" }).done).toBeUndefined();
  });

  it("says the password rule from the tenant's policy, as the checklist does", () => {
    const hint = (tenant = ccplm) => view({ credentials: "answering" }, {}, tenant).fields.find((f) => f.name === "password")?.hint;
    expect(hint()).toBe(fr.credentials.passwordRule);
    expect(hint()).not.toMatch(/\(s\)/);
    const strict = { ...ccplm, passwordPolicy: { minLength: 12, cnil2022: true } };
    expect(hint(strict)).toContain("12\u00a0caractères");
    expect(hint(strict)).toContain("50\u00a0bits");
    expect(view({ credentials: "answering" }).fields.find((f) => f.name === "confirmation")?.hint).toBeUndefined();
  });
});

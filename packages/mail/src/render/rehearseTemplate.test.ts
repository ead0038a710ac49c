import { expect, test } from "vitest";
import { compileTemplate } from "./compileTemplate.js";
import { rehearseTemplate } from "./rehearseTemplate.js";

const base = { subject: "Essai", preview: "Essai", textBody: "Bonjour {{lastName}}" };

test("a placeholder without a declared field fails the rehearsal", async () => {
  const compiled = await compileTemplate("typo", { ...base, fields: { lastName: "text" }, mjmlBody: "<mj-text>Bonjour {{lastNme}}</mj-text>" });

  expect(() => rehearseTemplate("typo", compiled)).toThrow(/lastNme/);
});

test("a declared field missing from the HTML part fails the rehearsal", async () => {
  const compiled = await compileTemplate("forgotten", { ...base, fields: { lastName: "text" }, mjmlBody: "<mj-text>Bonjour</mj-text>" });

  expect(() => rehearseTemplate("forgotten", compiled)).toThrow("field lastName does not appear in the HTML part");
});

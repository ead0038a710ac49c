import { expect, test } from "vitest";
import { compileTemplate } from "./compileTemplate.js";

test("a template that MJML does not validate is refused at compile time", async () => {
  const broken = {
    subject: "Essai",
    preview: "Essai",
    fields: {},
    mjmlBody: '<mj-button href="https://example.invalid" padding="beaucoup">Essai</mj-button>',
    textBody: "Essai",
  };

  await expect(compileTemplate("broken", broken)).rejects.toThrow(/MJML template "broken" does not compile/);
});

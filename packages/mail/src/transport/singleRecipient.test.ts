import { expect, test } from "vitest";
import { singleRecipient } from "./singleRecipient.js";

test("an address that smuggles in another recipient is refused", () => {
  expect(singleRecipient("marie.dupont@example.fr")).toBe("marie.dupont@example.fr");
  for (const to of ["a@example.fr, b@example.fr", "a@example.fr;b@example.fr", "Marie <a@example.fr>", "a@example.fr\r\nBcc: b@example.fr", "a@b@example.fr"]) {
    expect(() => singleRecipient(to), to).toThrow("one plain e-mail address");
  }
});

import { describe, expect, it } from "vitest";
import { follow, PREFILLED, rebase } from "./accountValues";

const then = { contacts: { courriel: "ancienne@example.fr", telephone: "04 68 76 69 40" } };
const now = { contacts: { courriel: "nouvelle@example.fr", telephone: "04 68 76 69 40" } };

describe("a démarche brought up to the account's current values", () => {
  it("takes a value changed elsewhere into what the citizen left untouched, keeps what they changed, and lists it", () => {
    const context = {
      accountId: "a",
      answers: { contacts: { courriel: "ancienne@example.fr", telephone: "05 61 22 33 44" } },
      drafts: { contacts: { courriel: "ancienne@example.fr" } },
      [PREFILLED]: then,
    };
    const result = rebase(context, now)!;
    expect(result.changed).toEqual([{ step: "contacts", field: "courriel" }]);
    expect(result.context.answers).toEqual({ contacts: { courriel: "nouvelle@example.fr", telephone: "05 61 22 33 44" } });
    expect(result.context.drafts).toEqual({ contacts: { courriel: "nouvelle@example.fr" } });
    expect(result.context[PREFILLED]).toEqual(now);
  });

  it("keeps a value the citizen typed themselves, even when the account changed it too", () => {
    const context = { answers: { contacts: { ...then.contacts, courriel: "choisie@example.fr" } }, drafts: {}, [PREFILLED]: then };
    expect((rebase(context, now)!.context.answers as typeof then).contacts.courriel).toBe("choisie@example.fr");
  });

  it("changes nothing when the account did not change, and adopts today's values in a context saved before the rule", () => {
    expect(rebase({ answers: then, drafts: {}, [PREFILLED]: then }, then)).toBeUndefined();
    expect(rebase({ answers: then, drafts: {} }, now)).toEqual({ context: { answers: then, drafts: {}, [PREFILLED]: now }, changed: [] });
  });

  it("drops a field the account no longer has, when the citizen left it as it was", () => {
    expect(follow({ mobile: "06 00 00 00 00", fax: "x" }, { mobile: "06 00 00 00 00" }, {}, ["mobile"])).toEqual({ fax: "x" });
  });
});

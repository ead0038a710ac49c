import { describe, expect, it } from "vitest";
import { fr, type FlowView } from "@guichet/schema";
import { rememberTypedAddress, sentToShown } from "./typedAddress";

const review = (token: string, courriel: string) =>
  ({
    token,
    step: "review",
    review: [{ step: "contacts", title: "MOYENS DE CONTACT", items: [{ label: fr.contacts.courriel, value: courriel }] }],
  }) as unknown as FlowView;

describe("the address on the sign-up's final page", () => {
  it("is shown in full to the page that showed it on the review, so a typo can be seen", () => {
    rememberTypedAddress(review("t1", "marc.boyet@exemple.fr"));
    expect(sentToShown("t1", "m••••@exemple.fr")).toBe("marc.boyet@exemple.fr");
  });
  it("stays masked for a page that did not see the review (a reload, another flow)", () => {
    expect(sentToShown("t2", "m••••@exemple.fr")).toBe("m••••@exemple.fr");
  });
  it("stays masked when the server's address is not the one reviewed", () => {
    rememberTypedAddress(review("t3", "anne@exemple.fr"));
    expect(sentToShown("t3", "m••••@exemple.fr")).toBe("m••••@exemple.fr");
  });
});

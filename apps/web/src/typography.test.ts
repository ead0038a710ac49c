import { describe, expect, it } from "vitest";
import { breakableBeforeSign, catalogueStrings, frenchTypography } from "@guichet/ui";
import { ccplm } from "../../../packages/api/src/tenant/ccplm";
import { accountText } from "./account/accountText";
import { webText } from "./webText";

describe("the portal's words", () => {
  it("have no plain space before ? ! : ; » (a sign alone on the next line at 375 px)", () => {
    const strings = [...catalogueStrings(accountText, "accountText"), ...catalogueStrings(webText, "webText")];
    expect(strings.filter(([, s]) => breakableBeforeSign.test(s)).map(([path]) => path)).toEqual([]);
  });
  it("draw the tenant's texts with French typography, whatever spaces and apostrophes they were typed with", () => {
    const texts = [ccplm.cgu, ccplm.dataNotice, ccplm.dataPolicy ?? "", ...ccplm.news.flatMap((n) => [n.title, n.text])];
    for (const text of texts.map(frenchTypography)) {
      expect(text).not.toMatch(breakableBeforeSign);
      expect(text).not.toMatch(/\p{L}'\p{L}/u);
    }
    expect(frenchTypography(ccplm.cgu)).toContain("CONDITIONS GÉNÉRALES D’UTILISATION");
  });
});

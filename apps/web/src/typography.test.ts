import { describe, expect, it } from "vitest";
import { breakableBeforeSign, catalogueStrings, frenchTypography, straightApostrophe } from "@guichet/ui";
import { captchaMessages, captchaWaitMessages } from "../../../packages/captcha/src/captchaMessages";
import { abuseMessages } from "../../../packages/api/src/abuse/abuseMessages";
import { accountMessages } from "../../../packages/api/src/account/messages";
import { demarcheMessages } from "../../../packages/api/src/demarches/messages";
import { franceConnectMessages } from "../../../packages/api/src/franceConnect/errors";
import { resumeMessages } from "../../../packages/api/src/resume/resumeMessages";
import { ccplm } from "../../../packages/api/src/tenant/ccplm";
import { accountText } from "./account/accountText";
import { webText } from "./webText";

describe("the portal's words", () => {
  it("have no plain space before ? ! : ; » (a sign alone on the next line at 375 px)", () => {
    const strings = [...catalogueStrings(accountText, "accountText"), ...catalogueStrings(webText, "webText")];
    expect(strings.filter(([, s]) => breakableBeforeSign.test(s)).map(([path]) => path)).toEqual([]);
  });
  it("have no straight apostrophe between letters, nor have the server's sentences they show (’, as the tenant's texts get)", () => {
    const strings = [
      ...catalogueStrings(accountText, "accountText"),
      ...catalogueStrings(webText, "webText"),
      ...catalogueStrings(accountMessages, "accountMessages"),
      ...catalogueStrings(demarcheMessages, "demarcheMessages"),
      ...catalogueStrings(resumeMessages, "resumeMessages"),
      ...catalogueStrings(abuseMessages, "abuseMessages"),
      ...catalogueStrings(franceConnectMessages, "franceConnectMessages"),
      ...catalogueStrings(captchaMessages, "captchaMessages"),
      ...catalogueStrings(captchaWaitMessages, "captchaWaitMessages"),
    ];
    expect(strings.length).toBeGreaterThan(60);
    expect(strings.filter(([, s]) => straightApostrophe.test(s)).map(([path]) => path)).toEqual([]);
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

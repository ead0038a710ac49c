import { describe, expect, it } from "vitest";
import { fr } from "@guichet/schema";
import { breakableBeforeSign, catalogueStrings, frenchTypography, straightApostrophe, ui } from "@guichet/ui";
import { captchaMessages, captchaWaitMessages } from "../../../packages/captcha/src/captchaMessages";
import { abuseMessages } from "../../../packages/api/src/abuse/abuseMessages";
import { liveMessages } from "../../../packages/api/src/live/watchTickets";
import { photoMessages } from "../../../packages/api/src/photoUpload";
import { powMessages } from "../../../packages/api/src/proofOfWork";
import { createAlternative } from "../../../packages/captcha/src/createAlternative";
import { seededRandom } from "../../../packages/captcha/test/seededRandom";
import { accountMessages } from "../../../packages/api/src/account/messages";
import { demarcheMessages } from "../../../packages/api/src/demarches/messages";
import { franceConnectMessages } from "../../../packages/api/src/franceConnect/errors";
import { resumeMessages } from "../../../packages/api/src/resume/resumeMessages";
import { ccplm } from "../../../packages/api/src/tenant/ccplm";
import { accountText } from "./account/accountText";
import { webText } from "./webText";

/** Every sentence the server sends that these pages show: messages, refusals, the security check's questions. */
const alternatives = Array.from({ length: 300 }, (_, i) => createAlternative(seededRandom(i + 1)).question);
const serverSentences = () => [
  ...catalogueStrings(accountMessages, "accountMessages"),
  ...catalogueStrings(demarcheMessages, "demarcheMessages"),
  ...catalogueStrings(resumeMessages, "resumeMessages"),
  ...catalogueStrings(abuseMessages, "abuseMessages"),
  ...catalogueStrings(powMessages, "powMessages"),
  ...catalogueStrings(photoMessages, "photoMessages"),
  ...catalogueStrings(liveMessages, "liveMessages"),
  ...catalogueStrings(franceConnectMessages, "franceConnectMessages"),
  ...catalogueStrings(captchaMessages, "captchaMessages"),
  ...catalogueStrings(captchaWaitMessages, "captchaWaitMessages"),
  ...catalogueStrings(alternatives, "captchaQuestion"),
];

describe("the portal's words", () => {
  it("have no plain space before ? ! : ; » (a sign alone on the next line at 375 px)", () => {
    const strings = [...catalogueStrings(accountText, "accountText"), ...catalogueStrings(webText, "webText")];
    expect(strings.filter(([, s]) => breakableBeforeSign.test(s)).map(([path]) => path)).toEqual([]);
  });
  it("show no server sentence with a plain space before ? ! : ; »: the server writes a no-break space itself", () => {
    const strings = serverSentences();
    expect(strings.length).toBeGreaterThan(350);
    expect(strings.filter(([, s]) => breakableBeforeSign.test(s)).map(([path, s]) => `${path}: ${s}`)).toEqual([]);
    expect(breakableBeforeSign.test("Ce lien a déjà servi : votre espace")).toBe(true);
  });
  it("have no straight apostrophe between letters, nor have the server's sentences they show (’, as the tenant's texts get)", () => {
    const strings = [...catalogueStrings(accountText, "accountText"), ...catalogueStrings(webText, "webText"), ...serverSentences()];
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
  it("say « Choisissez », not « Cliquez », « connu » of one citizen, « courriels indésirables » (the words of the spam folder on the final page)", () => {
    const strings = [
      ...catalogueStrings(fr, "fr"),
      ...catalogueStrings(ui, "ui"),
      ...catalogueStrings(accountText, "accountText"),
      ...catalogueStrings(webText, "webText"),
      ...serverSentences(),
    ];
    expect(strings.length).toBeGreaterThan(400);
    const wrong = /\bcliquez\b|vous y êtes connus|courriers? indésirables/i;
    expect(strings.filter(([, s]) => wrong.test(s)).map(([path, s]) => `${path}: ${s}`)).toEqual([]);
  });
});

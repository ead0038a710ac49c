import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RESUME_CODE_ALPHABET, resumeMessages, hashToken } from "@guichet/api";
import { marcBoyet, startTestServer, type TestServer } from "./testServer";
import { testEngines } from "./engines";
import { deviceClient, walkTo, type DeviceClient } from "./liveClient";

/** The French sentence and tRPC code of a refused call. */
async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "the call should have been refused").toBeInstanceOf(TRPCClientError);
  const e = error as TRPCClientError<never>;
  return { code: (e.data as unknown as { code: string }).code, message: e.message };
}

const secretOf = (link: string) => new URL(link).hash.slice(1);

describe.each(testEngines)("resuming a sign-up on %s", (engine) => {
  let server: TestServer;
  let clockOffset = 0;
  let web: DeviceClient;
  let device = 0;
  /** Each device its own address, so that the throttling of one test does not spill into the next. */
  const otherDevice = () => deviceClient(server.url, { ip: `192.0.2.${++device}` });

  beforeAll(async () => {
    server = await startTestServer({ PUBLIC_URL: "https://guichet.example" }, { engine, now: () => new Date(Date.now() + clockOffset) });
    web = deviceClient(server.url, { ip: "198.51.100.1" });
  });
  afterAll(() => server.close());

  it("gives a short code, a resume link and its QR code; the code opens the same step with every answer", async () => {
    const view = await walkTo(web, "address");
    const offer = await web.resume.offer.mutate({ token: view.token });
    expect(offer.code).toMatch(new RegExp(`^[${RESUME_CODE_ALPHABET}]{4}-[${RESUME_CODE_ALPHABET}]{4}$`));
    expect(offer.link).toMatch(/^https:\/\/guichet\.example\/reprendre#[\w-]{43}$/);
    expect(offer.qrSvg).toMatch(/^<svg[^>]*>.*<\/svg>\s*$/s);
    expect(offer.email).toBeNull();
    expect(new Date(offer.expiresAt).getTime() - Date.now() - clockOffset).toBeGreaterThan(29 * 60_000);

    const resumed = await otherDevice().resume.redeemCode.mutate({ code: offer.code.toLowerCase().replace("-", " ") });
    expect(resumed.step).toBe("address");
    expect(resumed.token).toBe(view.token);
    expect(resumed.fields).toEqual(view.fields);
    // The device now holds the flow: it moves it like the one that started it.
    const moved = await otherDevice().flow.send.mutate({ token: resumed.token, version: resumed.version, move: { type: "NEXT", values: marcBoyet.address } });
    expect(moved.step).toBe("contacts");
  });

  it("keeps only hashes of the code and the link, and the flow's token sealed", async () => {
    const view = await walkTo(web, "terms");
    const offer = await web.resume.offer.mutate({ token: view.token });
    const code = offer.code.replace("-", "");
    const dump = JSON.stringify([
      await server.guichet.db.execute("select * from secret where kind like 'resume-%'"),
      await server.guichet.db.execute("select * from resume_seal"),
    ]);
    expect(dump).not.toContain(code);
    expect(dump).not.toContain(secretOf(offer.link));
    expect(dump).not.toContain(view.token);
    expect(dump).toContain(hashToken(secretOf(offer.link)));
  });

  it("opens the flow with the resume link once, and says so when the link is used again", async () => {
    const view = await walkTo(web, "contacts");
    const offer = await web.resume.offer.mutate({ token: view.token });
    const phone = otherDevice();
    const resumed = await phone.resume.redeemLink.mutate({ secret: secretOf(offer.link) });
    expect(resumed.step).toBe("contacts");
    expect(resumed.token).toBe(view.token);
    expect(await refusal(phone.resume.redeemLink.mutate({ secret: secretOf(offer.link) }))).toEqual({
      code: "PRECONDITION_FAILED",
      message: resumeMessages.linkUsed,
    });
    // The code shown beside that QR code went with it.
    expect((await refusal(otherDevice().resume.redeemCode.mutate({ code: offer.code }))).message).toBe(resumeMessages.codeUsed);
  });

  it("refuses a link it never made", async () => {
    expect(await refusal(otherDevice().resume.redeemLink.mutate({ secret: "A".repeat(43) }))).toEqual({
      code: "NOT_FOUND",
      message: resumeMessages.linkUnknown,
    });
  });

  it("says that a code has expired after 30 minutes, and that a link has", async () => {
    const view = await walkTo(web, "identity");
    const offer = await web.resume.offer.mutate({ token: view.token });
    clockOffset += 30 * 60_000 + 1_000;
    try {
      expect(await refusal(otherDevice().resume.redeemCode.mutate({ code: offer.code }))).toEqual({
        code: "PRECONDITION_FAILED",
        message: resumeMessages.codeExpired,
      });
      expect((await refusal(otherDevice().resume.redeemLink.mutate({ secret: secretOf(offer.link) }))).message).toBe(resumeMessages.linkExpired);
    } finally {
      clockOffset -= 30 * 60_000 + 1_000;
    }
  });

  it("takes a code up to its last minute", async () => {
    const view = await walkTo(web, "identity");
    const offer = await web.resume.offer.mutate({ token: view.token });
    clockOffset += 29 * 60_000;
    try {
      expect((await otherDevice().resume.redeemCode.mutate({ code: offer.code })).token).toBe(view.token);
    } finally {
      clockOffset -= 29 * 60_000;
    }
  });

  it("says what a code looks like when what is typed cannot be one", async () => {
    expect(await refusal(otherDevice().resume.redeemCode.mutate({ code: "K7QM-4P2" }))).toEqual({
      code: "UNPROCESSABLE_CONTENT",
      message: resumeMessages.codeMalformed,
    });
  });

  it("throttles wrong codes per device: after 5, even the right code waits, while another device goes on", async () => {
    const view = await walkTo(web, "terms");
    const offer = await web.resume.offer.mutate({ token: view.token });
    const guesser = deviceClient(server.url, { ip: "192.0.2.250", device: "kiosque-de-la-mairie-1" });
    for (let i = 0; i < 5; i++) {
      const wrong = `${"23456789AB"[i]}${"2".repeat(7)}`;
      expect((await refusal(guesser.resume.redeemCode.mutate({ code: wrong }))).message).toBe(resumeMessages.codeUnknown);
    }
    const blocked = await refusal(guesser.resume.redeemCode.mutate({ code: offer.code }));
    expect(blocked.code).toBe("TOO_MANY_REQUESTS");
    expect(blocked.message).toBe(resumeMessages.tooManyCodes(15));
    // The limit is kept in the database: it holds for every server process.
    const rows = await server.guichet.db.execute<{ key: string }>("select key from rate_limit where key like 'resume_device%' or key like 'resume_address%'");
    expect(rows.length).toBeGreaterThan(1);
    expect(JSON.stringify(rows)).not.toContain("192.0.2.");
    expect(JSON.stringify(rows)).not.toContain("kiosque");
    expect((await otherDevice().resume.redeemCode.mutate({ code: offer.code })).token).toBe(view.token);
    // A quarter of an hour later the address may try again.
    clockOffset += 15 * 60_000 + 1_000;
    try {
      expect((await refusal(guesser.resume.redeemCode.mutate({ code: "ZZZZ-ZZZZ" }))).message).toBe(resumeMessages.codeUnknown);
    } finally {
      clockOffset -= 15 * 60_000 + 1_000;
    }
  });

  it("throttles one wrong code tried from many addresses", async () => {
    const code = "XYXY-XYXY";
    for (let i = 0; i < 5; i++) expect((await refusal(otherDevice().resume.redeemCode.mutate({ code }))).message).toBe(resumeMessages.codeUnknown);
    expect((await refusal(otherDevice().resume.redeemCode.mutate({ code }))).code).toBe("TOO_MANY_REQUESTS");
  });

  it("sends the resume link by e-mail once the contacts step gave an address, through the outbox", async () => {
    const early = await walkTo(web, "identity");
    expect(await refusal(web.resume.sendLink.mutate({ token: early.token }))).toEqual({ code: "PRECONDITION_FAILED", message: resumeMessages.noEmail });

    const view = await walkTo(web, "credentials");
    expect((await web.resume.offer.mutate({ token: view.token })).email).toBe("m•••@example.fr");
    expect(await web.resume.sendLink.mutate({ token: view.token })).toEqual({ sentTo: "m•••@example.fr" });
    const rows = await server.guichet.db.execute<{ template: string; recipient: string; data: string }>(
      "select template, recipient, data from outbox where template = 'resume' order by created_at desc",
    );
    expect(rows[0]).toMatchObject({ template: "resume", recipient: marcBoyet.contacts.courriel });
    const { resumeUrl } = JSON.parse(rows[0]!.data) as { resumeUrl: string };
    expect(resumeUrl).toMatch(/^https:\/\/guichet\.example\/reprendre#/);
    expect((await otherDevice().resume.redeemLink.mutate({ secret: secretOf(resumeUrl) })).step).toBe("credentials");

    await web.resume.sendLink.mutate({ token: view.token });
    await web.resume.sendLink.mutate({ token: view.token });
    expect((await refusal(web.resume.sendLink.mutate({ token: view.token }))).code).toBe("TOO_MANY_REQUESTS");
  });

  it("cancels every code and QR link shown for the flow when the kiosk wipes its screen, and keeps the link sent by e-mail", async () => {
    // The kiosk's session: a citizen at AUTHENTIFICATION… then gone, after two codes were shown (the handoff screen, then back).
    const citizen = { ...marcBoyet, contacts: { ...marcBoyet.contacts, courriel: "borne.effacee@example.fr" } };
    const view = await walkTo(web, "credentials", citizen);
    const first = await web.resume.offer.mutate({ token: view.token });
    const second = await web.resume.offer.mutate({ token: view.token });
    await web.resume.sendLink.mutate({ token: view.token });
    const [mail] = await server.guichet.db.execute<{ data: string }>("select data from outbox where template = 'resume' and recipient = ?", [
      citizen.contacts.courriel,
    ]);
    const { resumeUrl } = JSON.parse(mail!.data) as { resumeUrl: string };

    await web.resume.cancelShown.mutate({ token: view.token });

    // Whoever read a code off the screen finds it refused, on that kiosk or anywhere else.
    for (const offer of [first, second]) {
      expect(await refusal(otherDevice().resume.redeemCode.mutate({ code: offer.code }))).toEqual({
        code: "PRECONDITION_FAILED",
        message: resumeMessages.codeUsed,
      });
      expect(await refusal(otherDevice().resume.redeemLink.mutate({ secret: secretOf(offer.link) }))).toEqual({
        code: "PRECONDITION_FAILED",
        message: resumeMessages.linkUsed,
      });
    }
    // The citizen's own mailbox still holds a way back, and a new code works.
    expect((await otherDevice().resume.redeemLink.mutate({ secret: secretOf(resumeUrl) })).step).toBe("credentials");
    const fresh = await web.resume.offer.mutate({ token: view.token });
    expect((await otherDevice().resume.redeemCode.mutate({ code: fresh.code })).token).toBe(view.token);
    // Another flow's codes are not touched.
    const other = await walkTo(web, "terms");
    const kept = await web.resume.offer.mutate({ token: other.token });
    await web.resume.cancelShown.mutate({ token: view.token });
    expect((await otherDevice().resume.redeemCode.mutate({ code: kept.code })).token).toBe(other.token);
    expect((await refusal(web.resume.cancelShown.mutate({ token: "x".repeat(43) }))).code).toBe("NOT_FOUND");
  });

  it("makes at most 20 codes for one flow in 30 minutes", async () => {
    const view = await walkTo(web, "terms");
    for (let i = 0; i < 20; i++) await web.resume.offer.mutate({ token: view.token });
    expect(await refusal(web.resume.offer.mutate({ token: view.token }))).toEqual({ code: "TOO_MANY_REQUESTS", message: resumeMessages.tooManyOffers(30) });
  });

  it("refuses a code for a flow that was cancelled since", async () => {
    const view = await walkTo(web, "terms");
    const offer = await web.resume.offer.mutate({ token: view.token });
    await web.flow.cancel.mutate({ token: view.token, version: view.version });
    expect((await refusal(otherDevice().resume.redeemCode.mutate({ code: offer.code }))).code).toBe("NOT_FOUND");
  });

  it("offers nothing for a flow it does not know", async () => {
    expect((await refusal(web.resume.offer.mutate({ token: "x".repeat(43) }))).code).toBe("NOT_FOUND");
  });
});

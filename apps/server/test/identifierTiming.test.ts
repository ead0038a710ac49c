import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browser, citizen, codeIn, mailsTo, signUp } from "./accountHelpers";
import { testEngines } from "./engines";
import { startTestServer, type TestServer } from "./testServer";

/*
 * « Mot de passe oublié », « Renvoyer l'activation » and the activation code answer the same words for an
 * existing account and an unknown identifier; their time must not tell them apart either. Measured over
 * HTTP, known and unknown interleaved, each from its own address so no limit steps in.
 */
const PAIRS = 20;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

describe.each(testEngines)("equal time for known and unknown identifiers, on %s", (engine) => {
  let server: TestServer;
  let ip = 0;
  beforeAll(async () => {
    // The e-mail budget raised so that every known request does its whole work (a new secret, an e-mail queued).
    server = await startTestServer(
      {
        GUICHET_WORKER: "off",
        GUICHET_MAIL_PER_RECIPIENT_HOUR: "1000",
        GUICHET_MAIL_PER_RECIPIENT_DAY: "1000",
        GUICHET_MAIL_PER_CLIENT_HOUR: "1000",
        GUICHET_MAIL_GLOBAL_PER_HOUR: "100000",
      },
      { engine },
    );
  });
  afterAll(() => server.close());

  /** Median milliseconds of `call` for the known identifier and the unknown one, interleaved. */
  async function medians(what: string, call: (b: ReturnType<typeof browser>, identifier: string) => Promise<unknown>, known: string, unknown: string) {
    const times: Record<"known" | "unknown", number[]> = { known: [], unknown: [] };
    const one = async (kind: "known" | "unknown") => {
      const b = browser(server, { ip: `198.18.${Math.floor(++ip / 250)}.${(ip % 250) + 1}` });
      const t = performance.now();
      await call(b, kind === "known" ? known : unknown);
      times[kind].push(performance.now() - t);
    };
    // One of each first, not counted: the first calls load code.
    await one("known");
    await one("unknown");
    times.known.length = times.unknown.length = 0;
    for (let i = 0; i < PAIRS; i++) {
      if (i % 2) await one("unknown").then(() => one("known"));
      else await one("known").then(() => one("unknown"));
    }
    const m = { known: median(times.known), unknown: median(times.unknown) };
    console.log(`${what} on ${engine}, ${PAIRS} pairs: median ${m.known.toFixed(1)} ms for an existing account, ${m.unknown.toFixed(1)} ms for an unknown one`);
    return m;
  }

  const alike = ({ known, unknown }: { known: number; unknown: number }) => {
    const difference = Math.abs(known - unknown);
    expect(difference < 2 || difference < 0.25 * Math.min(known, unknown), `${known.toFixed(1)} ms against ${unknown.toFixed(1)} ms`).toBe(true);
  };

  it("« Mot de passe oublié »: an existing account (a reset link made and e-mailed) and an unknown one take the same time", async () => {
    const who = citizen("minute");
    await signUp(server, who);
    const m = await medians(
      "Mot de passe oublié",
      (b, identifiant) => b.client.account.requestPasswordReset.mutate({ identifiant }),
      who.contacts.courriel,
      "personne.inconnue@example.fr",
    );
    alike(m);
    // The known one did its work each time: one reset e-mail per request.
    const resets = (await mailsTo(server, who.contacts.courriel)).filter((x) => x.subject.startsWith("Réinitialisation"));
    expect(resets.length).toBe(PAIRS + 1);
  });

  it("« Renvoyer l'activation »: a pending account (a new link and code e-mailed) and an unknown one take the same time", async () => {
    const who = citizen("attente");
    await signUp(server, who);
    alike(
      await medians(
        "Renvoyer l'activation",
        (b, identifiant) => b.client.account.resendActivation.mutate({ identifiant }),
        who.credentials.username,
        "citoyen.inconnu",
      ),
    );
    expect((await mailsTo(server, who.contacts.courriel)).length).toBe(PAIRS + 2);
  });

  it("a wrong activation code: for a pending account and for an unknown identifier, the same time", async () => {
    const who = citizen("codeur");
    await signUp(server, who);
    const code = codeIn((await mailsTo(server, who.contacts.courriel))[0]!.text);
    const wrong = code === "000000" ? "000001" : "000000";
    alike(
      await medians(
        "Code d'activation erroné",
        async (b, identifiant) => expect(await b.client.account.activateWithCode.mutate({ identifiant, code: wrong })).toMatchObject({ status: "wrongCode" }),
        who.credentials.username,
        "citoyen.absent",
      ),
    );
  });
});

import { createHash } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fr, type FlowView } from "@guichet/schema";
import { marcBoyet, startTestServer, type TestServer } from "./testServer";
import { testEngines } from "./engines";

describe.each(testEngines)("on %s", (engine) => {
  let server: TestServer;
  let clock = Date.now();
  beforeAll(async () => {
    server = await startTestServer({ GUICHET_CAPTCHA: "on" }, { now: () => new Date(clock), engine, proofOfWorkOff: true });
  });
  afterAll(() => server.close());

  type Values = Record<string, unknown>;
  async function walk(identity: Values, until: string, username = `u${Math.random().toString(36).slice(2, 10)}`) {
    const c = server.client.flow;
    let view: FlowView = await c.start.mutate();
    view = await c.send.mutate({ token: view.token, version: view.version, move: { type: "START" } });
    const steps: Array<[string, Values]> = [
      ["terms", marcBoyet.terms],
      ["identity", identity],
      ["address", marcBoyet.address],
      ["contacts", { ...marcBoyet.contacts, courriel: `${username}@example.fr` }],
      ["credentials", { username, password: "Pontoise1975", confirmation: "Pontoise1975" }],
    ];
    for (const [step, values] of steps) {
      if (view.step === until) return view;
      expect(view.step).toBe(step);
      view = await c.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values } });
      expect(view.errors, step).toEqual({});
    }
    return view;
  }
  const next = (view: FlowView, values?: Values) =>
    server.client.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", ...(values ? { values } : {}) } });

  /** The test reads the stored hash, as an attacker with the database could not reverse it, and tries each cell. */
  async function rightCell(view: FlowView) {
    const captcha = view.captcha!;
    if (captcha.disabled || captcha.kind !== "pictures") throw new Error(`no pictures to click: ${JSON.stringify(captcha)}`);
    const [row] = await server.guichet.db.execute<{ record: string }>("select record from captcha where id = ?", [captcha.challengeId]);
    const { answerHash } = JSON.parse(row!.record);
    const hash = (key: string) => createHash("sha256").update(`${captcha.challengeId}\u0000${key}`).digest("hex");
    return captcha.cells.find((cell) => hash(cell.key) === answerHash)!.key;
  }

  describe("reference data and real checks over HTTP", () => {
    it("fills in the Enfance key when the identity is in the Enfance registry", async () => {
      const view = await walk({ ...marcBoyet.identity, nomUsuel: "Boyet", prenoms: "marc" }, "services");
      expect(view.step).toBe("services");
      expect(view.services).toEqual([expect.objectContaining({ id: "enfance", key: "ENF-7K3M-Q9", auto: true })]);
    });

    it("leaves the Enfance key empty for an unknown citizen and says whom to contact", async () => {
      const view = await walk({ ...marcBoyet.identity, nomUsuel: "INCONNU" }, "services");
      expect(view.services).toEqual([expect.objectContaining({ id: "enfance", key: "", auto: false, contact: "jeunesse@ccplm.fr" })]);
    });

    it("refuses a wrong service key on its field and keeps the flow at SERVICES", async () => {
      const view = await walk({ ...marcBoyet.identity, nomUsuel: "AUTRE" }, "services");
      const refused = await next(view, { keys: { enfance: "ENF-0000-00" } });
      expect(refused.step).toBe("services");
      expect(refused.errors["keys.enfance"]).toBe(fr.services.keyWrong);
      expect(refused.services?.[0]?.key).toBe("ENF-0000-00");
    });

    it("refuses a birth commune that is not in the chosen département", async () => {
      const c = server.client.flow;
      let view = await c.start.mutate();
      view = await c.send.mutate({ token: view.token, version: view.version, move: { type: "START" } });
      view = await next(view, marcBoyet.terms);
      const refused = await next(view, { ...marcBoyet.identity, departementNaissance: "11" });
      expect(refused.errors.communeNaissance).toBe(fr.identity.communeUnknown);
    });

    it("takes a birth commune typed in full, not picked from the list, as the one commune of that name", async () => {
      const c = server.client.flow;
      let view = await c.start.mutate();
      view = await c.send.mutate({ token: view.token, version: view.version, move: { type: "START" } });
      view = await next(view, marcBoyet.terms);
      const ambiguous = await next(view, { ...marcBoyet.identity, departementNaissance: "", communeNaissance: "Saint-Martin" });
      expect(ambiguous.errors.communeNaissance).toBe(fr.identity.communeUnknown);
      const taken = await next(ambiguous, { ...marcBoyet.identity, departementNaissance: "95", communeNaissance: "pontoise" });
      expect(taken.errors).toEqual({});
      expect(taken.step).toBe("address");
    });

    it("passes a real captcha, refuses a replayed one, and claims the typed key for one account only", async () => {
      // The key's record must name the citizen (MARTIN Élodie in the demo registry), whoever types it.
      const elodie = { ...marcBoyet.identity, nomUsuel: "Martin", prenoms: "Élodie", dateNaissance: "14/02/1984" };
      const first = await walk(elodie, "services");
      let view = await next(first, { keys: { enfance: "ENF-2P8X-L4" } });
      expect(view.step).toBe("review");
      view = await next(view);
      expect(view.step).toBe("captcha");
      const challengeId = (view.captcha as { challengeId: string }).challengeId;
      const cellKey = await rightCell(view);
      const done = await next(view, { challengeId, cellKey });
      expect(done.status).toBe("done");

      const second = await walk(elodie, "services");
      const taken = await next(second, { keys: { enfance: "ENF-2P8X-L4" } });
      expect(taken.errors["keys.enfance"]).toBe(fr.services.keyTaken);
      let atCaptcha = await next(taken, { keys: {} });
      atCaptcha = await next(atCaptcha);
      const replay = await next(atCaptcha, { challengeId, cellKey });
      expect(replay.step).toBe("captcha");
      expect(replay.errors.answer).toMatch(/nouveau contrôle/);
    });

    it("gives a new challenge after a wrong answer, and refuses an expired one", async () => {
      let view = await walk({ ...marcBoyet.identity, nomUsuel: "TROISIEME" }, "services");
      view = await next(view, { keys: {} });
      view = await next(view);
      const first = view.captcha as { challengeId: string; cells: ReadonlyArray<{ key: string }> };
      const right = await rightCell(view);
      const wrongKey = first.cells.find((c) => c.key !== right)!.key;
      const refused = await next(view, { challengeId: first.challengeId, cellKey: wrongKey });
      expect(refused.errors.answer).toBe("Ce n’est pas la bonne réponse. Un nouveau contrôle vous est proposé.");
      const second = refused.captcha as { challengeId: string };
      expect(second.challengeId).not.toBe(first.challengeId);

      const reloaded = await server.client.flow.get.mutate({ token: refused.token });
      expect((reloaded.captcha as { challengeId: string }).challengeId).toBe(second.challengeId);

      clock += 11 * 60_000;
      const expired = await next(refused, { challengeId: second.challengeId, cellKey: await rightCell(refused) });
      expect(expired.errors.answer).toBe("Le contrôle de sécurité a expiré. Un nouveau contrôle vous est proposé.");
      expect(expired.step).toBe("captcha");
    });

    it("names the départements with the typographic apostrophe in the list, codes unchanged", async () => {
      const list = await server.client.places.departements.query();
      expect(list.find((d) => d.code === "95")).toEqual({ code: "95", nom: "Val-d’Oise" });
      expect(list.filter((d) => /\p{L}'\p{L}/u.test(d.nom))).toEqual([]);
      expect(list.filter((d) => d.nom.includes("’")).map((d) => d.code)).toEqual(["21", "22", "95"]);
      // The code is what the flow stores: the identity step takes it as before.
      const address = await walk({ ...marcBoyet.identity, departementNaissance: "95" }, "address");
      expect(address.step).toBe("address");
    });

    it("offers the streets of the territory and the communes of a postal code", async () => {
      const streets = await server.client.places.streets.query({ query: "rue de la poste" });
      expect(streets.map((s) => s.nomVoie)).toContain("RUE DE LA POSTE");
      const gaulle = await server.client.places.streets.query({ query: "Général de Gaulle" });
      expect(gaulle.some((s) => s.nomVoie.includes("GEN DE GAULLE"))).toBe(true);
      const communes = await server.client.places.postalCode.query({ codePostal: "11150" });
      expect(communes.map((c) => c.nom)).toEqual(expect.arrayContaining(["Bram", "Pexiora", "Villasavary"]));
    });
  });

  describe("the identity photo", () => {
    async function upload(body: Buffer, token: string) {
      const res = await fetch(`${server.url}/api/photo`, {
        method: "POST",
        headers: { "content-type": "image/jpeg", "x-guichet-flow": token },
        body: new Uint8Array(body),
      });
      return { status: res.status, body: (await res.json()) as { photoId?: string; error?: { message: string } } };
    }

    it("refuses a text file renamed as a picture with a French message", async () => {
      const view = await server.client.flow.start.mutate();
      const res = await upload(Buffer.from("ceci n'est pas une image, juste du texte"), view.token);
      expect(res.status).toBe(415);
      expect(res.body.error?.message).toBe("Le fichier choisi n’est pas une image JPEG ou PNG.");
    });

    it("refuses a photo over 5 MB with a French message", async () => {
      const view = await server.client.flow.start.mutate();
      const res = await upload(Buffer.alloc(5 * 1024 * 1024 + 10, 1), view.token);
      expect(res.status).toBe(413);
      expect(res.body.error?.message).toBe("La photo dépasse 5 Mo. Choisissez une image plus légère.");
    });

    it("stores a JPEG carrying GPS metadata without it", async () => {
      const view = await server.client.flow.start.mutate();
      const withGps = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#3a7" } })
        .jpeg()
        .withExif({ IFD0: { Make: "Appareil" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "43/1 14/1 0/1" } })
        .toBuffer();
      expect((await sharp(withGps).metadata()).exif).toBeDefined();
      const res = await upload(withGps, view.token);
      expect(res.status).toBe(200);
      const stored = await fetch(`${server.url}/api/photo/${res.body.photoId}`, { headers: { "x-guichet-flow": view.token } });
      const bytes = Buffer.from(await stored.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect(meta.format).toBe("jpeg");
      expect(meta.exif).toBeUndefined();
      expect(bytes.includes(Buffer.from("Appareil"))).toBe(false);
    });
  });
});

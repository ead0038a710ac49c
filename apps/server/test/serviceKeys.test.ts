import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountMessages as m, importServiceRegistry, SERVICE_KEY_ADDRESS_TRIES, SERVICE_KEY_TRIES } from "@guichet/api";
import { fr, type FlowView } from "@guichet/schema";
import { browser, citizen, linkIn, mailsTo, signUp } from "./accountHelpers";
import { testEngines } from "./engines";
import { deviceClient, type DeviceClient } from "./liveClient";
import { marcBoyet, startTestServer, type Citizen, type TestServer } from "./testServer";

/** Marc BOYET's key in the demo registry (packages/api/src/tenant/ccplm-enfance-demo.csv). */
const MARC_KEY = "ENF-7K3M-Q9";

describe.each(testEngines)("service keys bound to their owner, on %s", (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ GUICHET_WORKER: "off" }, { engine });
    // Two records for one identity: the service cannot choose, so the citizen types the key.
    await importServiceRegistry(
      server.guichet.db,
      "enfance",
      "cle;nom;prenoms;date_naissance;courriel\nENF-8001;LEROY;Anne;12/12/1990;\nENF-8002;LEROY;Anne;12/12/1990;\n",
    );
  });
  afterAll(() => server.close());

  let n = 0;
  /** Someone else than Marc BOYET: DUPONT Jean, born 02/02/1960. */
  const dupont = (): Citizen => {
    const who = citizen(`dupont${++n}`);
    return { ...who, identity: { ...who.identity, nomUsuel: "DUPONT", prenoms: "Jean", dateNaissance: "02/02/1960" } };
  };
  const leroy = (): Citizen => {
    const who = citizen(`leroy${++n}`);
    return { ...who, identity: { ...who.identity, nomUsuel: "Leroy", prenoms: "anne-marie", dateNaissance: "12/12/1990" } };
  };

  /** A device from its own address walks a citizen up to SERVICES. */
  async function atServices(who: Citizen, client: DeviceClient = deviceClient(server.url, { ip: `198.51.100.${++n % 250}` })) {
    let view = await client.flow.start.mutate();
    view = await client.flow.send.mutate({ token: view.token, version: view.version, move: { type: "START" } });
    for (const step of ["terms", "identity", "address", "contacts", "credentials"] as const) {
      view = await client.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values: who[step] as Record<string, unknown> } });
      expect(view.errors, step).toEqual({});
    }
    expect(view.step).toBe("services");
    return { view, client };
  }
  const typeKey = (at: { view: FlowView; client: DeviceClient }, key: string) =>
    at.client.flow.send.mutate({ token: at.view.token, version: at.view.version, move: { type: "NEXT", values: { keys: { enfance: key } } } });

  it("refuses Marc BOYET's key typed at DUPONT Jean's sign-up with the sentence of an unknown key, before and after Marc claimed it", async () => {
    const unknown = await typeKey(await atServices(dupont()), "ENF-0000-00");
    expect(unknown.errors).toEqual({ "keys.enfance": fr.services.keyWrong });

    const stranger = await typeKey(await atServices(dupont()), MARC_KEY);
    expect(stranger.step).toBe("services");
    expect(stranger.errors).toEqual(unknown.errors);

    // The real family signs up: the service recognises Marc and fills his key in itself.
    const marc = await atServices({ ...citizen(`marc${++n}`), identity: marcBoyet.identity });
    expect(marc.view.services?.[0]).toMatchObject({ key: MARC_KEY, auto: true });
    let view = await typeKey(marc, MARC_KEY);
    view = await marc.client.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT" } });
    view = await marc.client.flow.send.mutate({
      token: view.token,
      version: view.version,
      move: { type: "NEXT", values: { challengeId: "off", text: "off" } },
    });
    expect(view.status).toBe("done");

    // Claimed now: a stranger still reads "non reconnue", not "déjà associée" (that would say the key is real).
    const afterClaim = await typeKey(await atServices(dupont()), MARC_KEY);
    expect(afterClaim.errors).toEqual(unknown.errors);
    // Only someone the record names hears that the key already serves an espace.
    const secondMarc = await typeKey(
      await atServices({ ...citizen(`marc${++n}`), identity: { ...marcBoyet.identity, nomUsuel: "boyet", prenoms: "MARC" } }),
      MARC_KEY,
    );
    expect(secondMarc.errors).toEqual({ "keys.enfance": fr.services.keyTaken });
  });

  it("accepts a typed key whose record names the citizen, compared folded, and checks it again when the identity changes", async () => {
    const at = await atServices(leroy());
    expect(at.view.services?.[0]?.key).toBe("");
    let view = await typeKey(at, " enf-8001 ");
    expect(view.errors).toEqual({});
    expect(view.step).toBe("review");

    // The same flow now says it is DUPONT Jean: the key it held is no longer theirs.
    view = await at.client.flow.send.mutate({ token: view.token, version: view.version, move: { type: "EDIT", step: "identity" } });
    view = await at.client.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values: dupont().identity } });
    expect(view.step).toBe("services");
    expect(view.services?.[0]?.key).toBe("ENF-8001");
    view = await at.client.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values: { keys: { enfance: "ENF-8001" } } } });
    expect(view.errors).toEqual({ "keys.enfance": fr.services.keyWrong });
  });

  async function activeAccount(who: Citizen) {
    await signUp(server, who);
    const mail = (await mailsTo(server, who.contacts.courriel)).find((x) => x.subject.startsWith("Confirmation"))!;
    expect((await server.client.account.activate.mutate({ jeton: linkIn(mail.text, "activation").jeton })).status).toBe("activated");
    const b = browser(server, { ip: `203.0.113.${++n % 250}` });
    await b.client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password });
    return b;
  }

  it("refuses Marc BOYET's key added from DUPONT Jean's Mon espace as an unknown key, and adds the key that is theirs", async () => {
    const jean = await activeAccount(dupont());
    const unknown = await jean.client.account.addServiceKey.mutate({ serviceId: "enfance", key: "ENF-0000-00" });
    expect(unknown).toEqual({ ok: false, errors: { "keys.enfance": m.services.keyWrong } });
    expect(await jean.client.account.addServiceKey.mutate({ serviceId: "enfance", key: MARC_KEY })).toEqual(unknown);
    expect(await jean.client.account.addServiceKey.mutate({ serviceId: "enfance", key: "ENF-8002" })).toEqual(unknown);

    const anne = await activeAccount(leroy());
    expect(await anne.client.account.addServiceKey.mutate({ serviceId: "enfance", key: "enf-8002" })).toMatchObject({ ok: true, message: m.services.added });
    const [row] = await server.guichet.db.execute<{ claimed_by: string | null }>("select claimed_by from service_citizen where key = 'ENF-8002'");
    expect(row!.claimed_by).toBeTruthy();
  });

  it(`throttles typed keys: ${SERVICE_KEY_TRIES} per flow, then a French wait; another flow goes on`, async () => {
    const at = await atServices(dupont());
    for (let i = 0; i < SERVICE_KEY_TRIES; i++) {
      expect((await typeKey(at, `ENF-${1000 + i}`)).errors).toEqual({ "keys.enfance": fr.services.keyWrong });
    }
    const refused = await typeKey(at, "ENF-8001");
    expect(refused.errors["keys.enfance"]).toMatch(/^Trop de tentatives\. Par sécurité, veuillez réessayer dans \d+ minutes?\.$/);
    const other = await typeKey(await atServices(leroy()), "ENF-8001");
    expect(other.errors).toEqual({});
  });

  it(`throttles typed keys per client address (${SERVICE_KEY_ADDRESS_TRIES} an hour), and per account in Mon espace`, async () => {
    const client = deviceClient(server.url, { ip: "192.0.2.200" });
    let left = SERVICE_KEY_ADDRESS_TRIES;
    while (left > 0) {
      const at = await atServices(dupont(), client);
      for (let i = 0; i < Math.min(SERVICE_KEY_TRIES, left); i++) await typeKey(at, `ENF-${2000 + i}`);
      left -= SERVICE_KEY_TRIES;
    }
    const fresh = await typeKey(await atServices(dupont(), client), "ENF-0000-00");
    expect(fresh.errors["keys.enfance"]).toMatch(/^Trop de tentatives/);
    expect((await typeKey(await atServices(dupont()), "ENF-0000-00")).errors).toEqual({ "keys.enfance": fr.services.keyWrong });

    const jean = await activeAccount(dupont());
    for (let i = 0; i < SERVICE_KEY_TRIES; i++) await jean.client.account.addServiceKey.mutate({ serviceId: "enfance", key: `ENF-${3000 + i}` });
    const waited = await jean.client.account.addServiceKey.mutate({ serviceId: "enfance", key: "ENF-3999" });
    expect(waited.ok).toBe(false);
    expect(!waited.ok && waited.errors["keys.enfance"]).toMatch(/^Trop de tentatives/);
  });
});

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ccplm, type FlowDefinition } from "@guichet/api";
import type { FlowMove, FlowView } from "@guichet/schema";
import { browser, citizen, linkIn, mailsTo } from "./accountHelpers";
import { testEngines } from "./engines";
import { startTestServer, type Citizen, type TestServer } from "./testServer";

/*
 * No password is ever stored, whatever the flow and the move: every definition the server runs (the
 * sign-up, each démarche of Mon espace) is walked forward, back with PRÉCÉDENT from every page, and
 * through every « Modifier » of its review (left again with PRÉCÉDENT, then answered), each password field
 * typed with a word of its own; after every move the database is searched for every word typed so far:
 * the SQLite file with its -wal and -shm, or every row of every table on PostgreSQL.
 */
describe.each(testEngines)("passwords at rest, every flow definition, on %s", (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    // Every démarche offered, « Modifier mon identité » too: a whole tenant, CCPLM's with it allowed.
    const tenantFile = join(mkdtempSync(join(tmpdir(), "guichet-tenant-")), "tenant.json");
    writeFileSync(tenantFile, JSON.stringify({ ...ccplm, demarches: { identity: { allowed: true, fields: ["firstName"] } } }));
    server = await startTestServer({ PUBLIC_URL: "http://guichet.test", TENANT: tenantFile }, { engine });
  });
  afterAll(async () => {
    await server?.close();
  });

  /** Every password typed in this suite: none may ever be found in the database. */
  const typed: string[] = [];
  let n = 0;
  /** A password of its own, recognisable, that meets the tenant's rule. */
  const word = () => {
    const w = `Secretxq${String(++n).padStart(3, "0")}Tarascon`;
    typed.push(w);
    return w;
  };

  /** The words typed that the database holds, in any table, file or journal. */
  async function wordsAtRest(): Promise<string[]> {
    if (engine === "sqlite") {
      const file = join(server.dir, "guichet.sqlite");
      const bytes = [file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString("latin1"));
      expect(bytes.length).toBeGreaterThan(0);
      return typed.filter((w) => bytes.some((b) => b.includes(w)));
    }
    const client = new pg.Client({ connectionString: server.guichet.settings.databaseUrl });
    await client.connect();
    try {
      const tables = (await client.query<{ name: string }>("select table_name as name from information_schema.tables where table_schema = 'public'")).rows;
      expect(tables.map((t) => t.name)).toContain("flow");
      let dump = "";
      for (const { name } of tables) {
        const rows = (await client.query<{ row: string }>(`select t::text as row from "${name.replace(/"/g, '""')}" t`)).rows;
        dump += rows.map((r) => r.row).join("\n");
      }
      return typed.filter((w) => dump.includes(w));
    } finally {
      await client.end();
    }
  }

  it("stores none of them, for every definition, forward, back and through « Modifier »", async () => {
    const who: Citizen = citizen("secrets");
    let accountPassword = word();
    const identityChanges = ["Marc Antoine", "Marc"];
    const definitions = server.guichet.services.flows.definitions();
    let moves = 0;

    /** What a page sends: its step's answer, each password field with a word never typed before. */
    function valuesOf(step: string, forward: boolean): Record<string, unknown> | undefined {
      const secret = () => (forward ? accountPassword : word());
      switch (step) {
        case "terms":
        case "identity":
        case "address":
        case "contacts":
        case "services":
          return who[step];
        case "credentials": {
          // Validated with the account's password; left with PRÉCÉDENT with two words of their own.
          return { username: who.credentials.username, password: secret(), confirmation: forward ? accountPassword : word() };
        }
        case "captcha":
          return { challengeId: "off", text: "off" };
        case "newPassword": {
          const next = word();
          return { currentPassword: secret(), password: next, confirmation: forward ? next : word() };
        }
        case "newEmail":
          return { currentPassword: secret(), courriel: `nouvelle.${n}@example.fr`, confirmation: `nouvelle.${n}@example.fr` };
        case "identityChange":
          return { nomNaissance: "", prenoms: identityChanges[0] };
        case "deleteAccount":
          return { password: secret(), understood: true };
        case "review":
          return undefined;
        default:
          throw new Error(`no answer for the step ${step}: add one here, so that its passwords are searched for too`);
      }
    }

    async function walk(client: ReturnType<typeof browser>["client"], first: FlowView, definition: FlowDefinition) {
      let view = first;
      const send = async (move: FlowMove, label: string) => {
        const before = view.step;
        view = await client.flow.send.mutate({ token: view.token, version: view.version, move });
        moves++;
        expect(await wordsAtRest(), `${definition.kind}: ${move.type} at ${before} (${label})`).toEqual([]);
        return view;
      };
      const next = async (label: string) => {
        const step = view.step;
        const values = valuesOf(step, true);
        const newPassword = step === "newPassword" ? (values!.password as string) : undefined;
        await send({ type: "NEXT", ...(values ? { values } : {}) }, label);
        expect(view.errors, `${definition.kind}: NEXT at ${step}`).toEqual({});
        return newPassword;
      };
      const back = (label: string) => send({ type: "BACK", ...(valuesOf(view.step, false) ? { values: valuesOf(view.step, false)! } : {}) }, label);
      const forwardTo = async (step: string, label: string) => {
        for (let i = 0; view.step !== step; i++) {
          if (i > 12) throw new Error(`${definition.kind}: never reached ${step}`);
          await next(label);
        }
      };

      const backedFrom = new Set<string>();
      let pendingPassword: string | undefined;
      for (let i = 0; view.status === "active"; i++) {
        if (i > 60) throw new Error(`${definition.kind}: too many moves`);
        const step = view.step;
        if (step === "welcome") {
          await send({ type: "START" }, "start");
        } else if (step === "review" && !backedFrom.has("review")) {
          backedFrom.add("review");
          for (const group of view.review ?? []) {
            // « Modifier », then PRÉCÉDENT with what was typed; then « Modifier » again, answered.
            await send({ type: "EDIT", step: group.step }, "Modifier");
            expect(view.step).toBe(group.step);
            await back("PRÉCÉDENT from Modifier");
            await forwardTo("review", "back to the review");
            await send({ type: "EDIT", step: group.step }, "Modifier again");
            pendingPassword = (await next("answered from Modifier")) ?? pendingPassword;
            await forwardTo("review", "back to the review");
          }
        } else if (step !== "review" && definition.steps[step] && view.can.back && !backedFrom.has(step)) {
          backedFrom.add(step);
          await back("PRÉCÉDENT");
        } else {
          pendingPassword = (await next("forward")) ?? pendingPassword;
        }
      }
      expect(view.status, definition.kind).toBe("done");
      // The démarche is saved: the new password is the account's from now on.
      if (pendingPassword) accountPassword = pendingPassword;
    }

    const signUp = definitions.find((d) => d.owner !== "account")!;
    await walk(server.client, await server.client.flow.start.mutate(), signUp);
    const [activation] = await mailsTo(server, who.contacts.courriel);
    expect((await server.client.account.activate.mutate({ jeton: linkIn(activation!.text, "activation").jeton })).status).toBe("activated");

    const device = browser(server);
    expect((await device.client.account.login.mutate({ username: who.credentials.username, password: accountPassword })).ok).toBe(true);
    const demarches = definitions.filter((d) => d.owner === "account");
    // Every démarche is offered here: none is left out of the walk. The erasure goes last.
    expect((await device.client.myspace.demarches.query()).map((d) => d.kind).sort()).toEqual(demarches.map((d) => d.kind).sort());
    for (const definition of [...demarches.filter((d) => d.kind !== "supprimer-espace"), ...demarches.filter((d) => d.kind === "supprimer-espace")]) {
      await walk(device.client, await device.client.myspace.start.mutate({ kind: definition.kind }), definition);
    }
    console.log(`${engine}: ${definitions.length} definitions, ${moves} moves, ${typed.length} passwords typed, none at rest`);
    expect(typed.length).toBeGreaterThan(10);
  });
});

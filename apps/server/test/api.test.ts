import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fr } from "@guichet/schema";
import { hashToken } from "@guichet/api";
import { marcBoyet, startTestServer, walkTo as walkToStep, type TestServer } from "./testServer";
import { testEngines } from "./engines";

describe.each(testEngines)("on %s", (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { engine });
  });
  afterAll(() => server.close());

  const storedRow = async (token: string) =>
    (await server.guichet.db.execute<{ snapshot: string; version: number }>("select snapshot, version from flow where token_hash = ?", [hashToken(token)]))[0];

  const walkTo = (step: string) => walkToStep(server.client, step);

  describe("the flow API over HTTP", () => {
    it("completes a sign-up with the seed's identity and creates a pending account", async () => {
      const done = await walkTo("done");
      expect(done.status).toBe("done");
      expect(done.step).toBe("done");
      const accounts = await server.guichet.db.execute<{ username: string; status: string; password_hash: string }>(
        "select username, status, password_hash from account where username_key = ?",
        ["marc.boyet"],
      );
      expect(accounts).toHaveLength(1);
      expect(accounts[0]!.status).toBe("pending");
      expect(accounts[0]!.password_hash).toMatch(/^\$argon2id\$/);
      const row = await storedRow(done.token);
      expect(row!.snapshot).not.toContain("BOYET");
      expect(row!.snapshot).not.toContain("Pontoise1975");
    });

    it("refuses an invalid step with French field errors and leaves the stored flow byte for byte", async () => {
      const view = await walkTo("identity");
      const before = await storedRow(view.token);
      const refused = await server.client.flow.send.mutate({
        token: view.token,
        version: view.version,
        move: { type: "NEXT", values: { ...marcBoyet.identity, nomUsuel: "", dateNaissance: "31/02/1975" } },
      });
      expect(refused.step).toBe("identity");
      expect(refused.errors.nomUsuel).toBe(fr.identity.nomUsuelRequired);
      expect(refused.errors.dateNaissance).toBe(fr.identity.dateReal);
      expect(refused.fields.find((f) => f.name === "prenoms")?.value).toBe("Marc");
      expect(refused.fields.find((f) => f.name === "communeNaissance")).toMatchObject({ value: "95500", valueLabel: "Pontoise" });
      expect(await storedRow(view.token)).toEqual(before);
    });

    it("keeps no password in the stored flow, even typed and left with PRÉCÉDENT", async () => {
      const view = await walkTo("credentials");
      const back = await server.client.flow.send.mutate({
        token: view.token,
        version: view.version,
        move: { type: "BACK", values: { username: "marc2", password: "Secret123x", confirmation: "Secret123x" } },
      });
      expect(back.step).toBe("contacts");
      const row = await storedRow(view.token);
      expect(row!.snapshot).toContain("marc2");
      expect(row!.snapshot).not.toContain("Secret123x");
    });

    it("refuses a move made with a stale version with a clear conflict", async () => {
      const view = await walkTo("terms");
      await server.client.flow.send.mutate({ token: view.token, version: view.version, move: { type: "NEXT", values: marcBoyet.terms } });
      const stale = server.client.flow.send.mutate({ token: view.token, version: view.version, move: { type: "BACK" } });
      await expect(stale).rejects.toMatchObject({ message: fr.errors.conflict, data: { code: "CONFLICT", httpStatus: 409 } });
    });

    it("answers an unknown token with a clear not-found message", async () => {
      const unknown = server.client.flow.get.mutate({ token: "x".repeat(43) });
      await expect(unknown).rejects.toMatchObject({ message: fr.errors.notFound, data: { code: "NOT_FOUND" } });
    });

    it("refuses a request body over the limit with 413, not 500", async () => {
      const response = await fetch(`${server.url}/trpc/flow.send`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token: "y".repeat(43), version: 1, move: { type: "NEXT", values: { nomUsuel: "a".repeat(400_000) } } }),
      });
      expect(response.status).toBe(413);
      expect(JSON.stringify(await response.json())).not.toMatch(/at \w+ \(|node_modules/);
    });

    it("answers malformed input in French without a stack trace", async () => {
      const bad = server.client.flow.send.mutate({ token: "z".repeat(43), version: 0, move: { type: "JUMP" } as never });
      await expect(bad).rejects.toBeInstanceOf(TRPCClientError);
      await expect(bad).rejects.toMatchObject({ message: fr.errors.badRequest, data: { code: "BAD_REQUEST" } });
    });

    it("erases a cancelled flow", async () => {
      const view = await walkTo("address");
      const cancelled = await server.client.flow.cancel.mutate({ token: view.token, version: view.version });
      expect(cancelled.status).toBe("cancelled");
      expect(await storedRow(view.token)).toBeUndefined();
    });

    it("gives a clear error for a stored snapshot that no longer fits the machine, and keeps serving", async () => {
      const view = await walkTo("address");
      const row = await storedRow(view.token);
      const broken = row!.snapshot.replace('"value":"address"', '"value":"etapeSupprimee"');
      await server.guichet.db.execute("update flow set snapshot = ? where token_hash = ?", [broken, hashToken(view.token)]);
      await expect(server.client.flow.get.mutate({ token: view.token })).rejects.toMatchObject({
        message: fr.errors.broken,
        data: { code: "UNPROCESSABLE_CONTENT" },
      });
      await new Promise((r) => setTimeout(r, 50));
      const other = await server.client.flow.start.mutate();
      expect(other.step).toBe("welcome");
    });
  });
});

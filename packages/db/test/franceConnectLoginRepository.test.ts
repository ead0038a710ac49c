import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/openDatabase";
import { franceConnectLoginRepository } from "../src/repositories";
import { freshDatabase, testEngines } from "./engines";

describe.each(testEngines)("franceConnectLoginRepository on %s", (engine) => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await freshDatabase(engine));
  });
  afterAll(async () => drop());

  const login = (flowId: string, expiresAt: Date) => ({ flowId, nonce: "n".repeat(43), codeVerifier: "v".repeat(43), expiresAt });

  it("hands a login back once, to one of several simultaneous callers", async () => {
    const logins = franceConnectLoginRepository(db);
    const expiresAt = new Date(Date.UTC(2026, 10, 29, 12, 10));
    await logins.insert("a".repeat(64), login("11111111-1111-4111-8111-111111111111", expiresAt));
    expect(await logins.countForFlow("11111111-1111-4111-8111-111111111111")).toBe(1);
    const taken = await Promise.all([1, 2, 3].map(() => logins.take("a".repeat(64))));
    const winners = taken.filter((t) => t !== undefined);
    expect(winners).toEqual([{ flowId: "11111111-1111-4111-8111-111111111111", nonce: "n".repeat(43), codeVerifier: "v".repeat(43), expiresAt }]);
    expect(await logins.exists("a".repeat(64))).toBe(false);
    expect(await logins.take("a".repeat(64))).toBeUndefined();
  });

  it("forgets expired logins and keeps the others", async () => {
    const logins = franceConnectLoginRepository(db);
    const now = new Date(Date.UTC(2026, 10, 29, 12, 0));
    await logins.insert("b".repeat(64), login("22222222-2222-4222-8222-222222222222", new Date(now.getTime() - 1)));
    await logins.insert("c".repeat(64), login("22222222-2222-4222-8222-222222222222", new Date(now.getTime() + 600_000)));
    expect(await logins.deleteExpired(now)).toBe(1);
    expect(await logins.exists("b".repeat(64))).toBe(false);
    expect(await logins.exists("c".repeat(64))).toBe(true);
  });
});

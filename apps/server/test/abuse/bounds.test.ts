import { randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultAbuseLimits, photoMessages } from "@guichet/api";
import { browser, citizen, codeIn, mailsTo, refusal, signUp } from "../accountHelpers";
import { testEngines } from "../engines";
import { deviceClient } from "../liveClient";
import { startTestServer, type TestServer } from "../testServer";
import { healthzDuring } from "./healthz";

/**
 * The calls that had no ceiling of their own: reference lookups, proof-of-work challenges, logins that
 * succeed, photos, the apps' files, and the floor every anonymous procedure passes first. Production
 * ceilings, over real HTTP.
 */
const limits = defaultAbuseLimits;
const newDevice = () => randomBytes(16).toString("base64url");
const tooMany = /^Trop de demandes en peu de temps\. Veuillez réessayer dans \d+\u00a0minutes?\.$/;

/** `n` calls, `width` of them in flight at a time; each result is the value or the refusal's code and message. */
async function burst<T>(n: number, width: number, call: (i: number) => Promise<T>) {
  const results: Array<{ ok: true; value: T } | { ok: false; code: string | undefined; message: string }> = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) {
        const i = next++;
        try {
          results[i] = { ok: true, value: await call(i) };
        } catch (e) {
          const err = e as { data?: { code?: string }; message: string };
          results[i] = { ok: false, code: err.data?.code, message: err.message };
        }
      }
    }),
  );
  return results;
}
const accepted = <R extends { ok: boolean }>(results: R[]) => results.filter((r) => r.ok).length;
function expectRefusedInFrench(results: Array<{ ok: boolean; code?: string | undefined; message?: string }>) {
  for (const r of results.filter((x) => !x.ok)) {
    expect(r.code).toBe("TOO_MANY_REQUESTS");
    expect(r.message).toMatch(tooMany);
  }
}

/** A PNG header that says 10,000 × 10,000 pixels, in 60 bytes. */
function pngClaiming(width: number, height: number) {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", Buffer.alloc(0)), chunk("IEND", Buffer.alloc(0))]);
}

describe.each(testEngines)(
  "ceilings on the calls that had none, on %s",
  (engine) => {
    let server: TestServer;
    beforeAll(async () => {
      // Production limits: no factor, no test setting.
      server = await startTestServer({ GUICHET_WORKER: "off" }, { engine });
    });
    afterAll(() => server.close());

    it("answers a device's commune lookups up to its ceiling, in memory, then refuses in French; the kiosk beside it still looks up", async () => {
      const ip = "192.0.2.10";
      const kiosk = deviceClient(server.url, { ip, device: newDevice() });
      const { result, latency } = await healthzDuring(
        server.url,
        () => burst(limits.lookups.perDevice.max + 50, 10, (i) => kiosk.places.communes.query({ query: `Br${i % 7}` })),
        5,
      );
      console.log(`[${engine}] /healthz during ${limits.lookups.perDevice.max + 50} commune lookups:`, latency);
      expect(accepted(result)).toBe(limits.lookups.perDevice.max);
      expectRefusedInFrench(result);
      // Every kind of lookup shares the device's allowance.
      expect((await refusal(kiosk.places.streets.query({ query: "rue" }))).code).toBe("TOO_MANY_REQUESTS");
      expect((await refusal(kiosk.places.departements.query())).code).toBe("TOO_MANY_REQUESTS");
      const neighbour = deviceClient(server.url, { ip, device: newDevice() });
      expect((await neighbour.places.communes.query({ query: "Bram" })).map((c) => c.nom)).toContain("Bram");
      // Shared cores: the bound is loose; the figure is printed above.
      expect(latency.p99).toBeLessThan(500);
    });

    it("holds a script that drops its cookies to its address's ceiling of lookups", async () => {
      const script = deviceClient(server.url, { ip: "203.0.113.11" });
      const result = await burst(limits.lookups.perAddress.max + 20, 20, () => script.places.postalCode.query({ codePostal: "11150" }));
      expect(accepted(result)).toBe(limits.lookups.perAddress.max);
      expectRefusedInFrench(result);
      // Another address is not affected.
      expect(await deviceClient(server.url, { ip: "192.0.2.12" }).places.postalCode.query({ codePostal: "11150" })).not.toHaveLength(0);
    });

    it("counts every anonymous call of a device in memory before it reads anything: made-up tokens stop costing the database", async () => {
      const script = deviceClient(server.url, { ip: "203.0.113.13", device: newDevice() });
      const result = await burst(limits.calls.perDevice.max + 20, 20, () => script.flow.get.mutate({ token: randomBytes(24).toString("base64url") }));
      expect(result.filter((r) => !r.ok && r.code === "NOT_FOUND")).toHaveLength(limits.calls.perDevice.max);
      const refused = result.filter((r) => !r.ok && r.code !== "NOT_FOUND");
      expect(refused).toHaveLength(20);
      expectRefusedInFrench(refused);
      // The floor holds every anonymous procedure, the cheapest too.
      expect((await refusal(script.ping.mutate())).code).toBe("TOO_MANY_REQUESTS");
      expect((await refusal(script.tenant.info.query())).code).toBe("TOO_MANY_REQUESTS");
    });

    it("counts every login, the right ones too (each costs an argon2 verification), per device in the shared table", async () => {
      const who = citizen(`bornes-${engine}`);
      await signUp(server, who, deviceClient(server.url, { ip: "198.51.100.14" }));
      const code = codeIn((await mailsTo(server, who.contacts.courriel))[0]!.text);
      await server.client.account.activateWithCode.mutate({ identifiant: who.credentials.username, code });
      const loop = browser(server, { ip: "198.51.100.15" });
      const login = () => loop.client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password });
      // One at a time, as the device's cookie comes with the first answer.
      const result = await burst(limits.logins.perDevice.max + 5, 1, login);
      expect(accepted(result)).toBe(limits.logins.perDevice.max);
      expectRefusedInFrench(result);
      const rows = await server.guichet.db.execute<{ n: number | string }>("select count(*) as n from rate_limit where key like ?", ["abuse_logins%"]);
      expect(Number(rows[0]!.n)).toBeGreaterThan(0);
      // The citizen, from another device behind the same address, logs in.
      expect(
        await browser(server, { ip: "198.51.100.15" }).client.account.login.mutate({ username: who.credentials.username, password: who.credentials.password }),
      ).toMatchObject({
        ok: true,
      });
    });

    it("counts photos per device in the shared table, and refuses from its header an image that would unpack into too many pixels", async () => {
      const device = newDevice();
      const kiosk = deviceClient(server.url, { ip: "198.51.100.16", device });
      const flow = await kiosk.flow.start.mutate();
      const png = await sharp({ create: { width: 4, height: 5, channels: 3, background: "#36a" } })
        .png()
        .toBuffer();
      const send = (body: Buffer) =>
        fetch(`${server.url}/api/photo`, {
          method: "POST",
          headers: { "content-type": "image/png", "x-guichet-flow": flow.token, "x-forwarded-for": "198.51.100.16", cookie: `guichet_device=${device}` },
          body: new Uint8Array(body),
        });
      const bomb = await send(pngClaiming(10_000, 10_000));
      expect(bomb.status).toBe(422);
      expect(((await bomb.json()) as { error: { message: string } }).error.message).toBe(photoMessages.tooManyPixels);
      const statuses: number[] = [];
      for (let i = 0; i < limits.photos.perDevice.max; i++) statuses.push((await send(png)).status);
      // The bomb was counted too: it reached a real flow.
      expect(statuses.filter((s) => s === 200)).toHaveLength(limits.photos.perDevice.max - 1);
      const refused = await send(png);
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(tooMany);
    });

    it("counts the apps' files per device in memory: the tab's icon, past its ceiling, is refused with a French sentence and a Retry-After", async () => {
      const device = newDevice();
      const get = () => fetch(`${server.url}/favicon.svg`, { headers: { "x-forwarded-for": "198.51.100.17", cookie: `guichet_device=${device}` } });
      const statuses = await burst(limits.files.perDevice.max + 5, 20, async () => {
        const res = await get();
        await res.arrayBuffer();
        return res.status;
      });
      expect(statuses.filter((r) => r.ok && r.value === 200)).toHaveLength(limits.files.perDevice.max);
      const refused = await get();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(tooMany);
      // /healthz is never counted: a load balancer's probe is never refused.
      expect((await fetch(`${server.url}/healthz`, { headers: { "x-forwarded-for": "198.51.100.17", cookie: `guichet_device=${device}` } })).status).toBe(200);
    });

    it("asks the database once for 200 parallel /readyz", async () => {
      const db = server.guichet.db;
      const original = db.execute.bind(db);
      let pings = 0;
      (db as { execute: typeof db.execute }).execute = ((sql: string, ...rest: unknown[]) => {
        if (/^\s*select 1/i.test(sql)) pings++;
        return (original as (...a: unknown[]) => unknown)(sql, ...rest);
      }) as typeof db.execute;
      try {
        await new Promise((r) => setTimeout(r, 1_100));
        const answers = await Promise.all(Array.from({ length: 200 }, () => fetch(`${server.url}/readyz`).then((r) => r.status)));
        expect(answers.every((s) => s === 200)).toBe(true);
        expect(pings).toBeLessThanOrEqual(2);
      } finally {
        (db as { execute: typeof db.execute }).execute = original;
      }
    });
  },
  120_000,
);

describe.each(testEngines)(
  "ceiling on proof-of-work challenges, on %s",
  (engine) => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(
        { GUICHET_WORKER: "off", GUICHET_CAPTCHA: "on", GUICHET_POW_SECRET: "un secret partagé par tous les processus du guichet" },
        { engine },
      );
    });
    afterAll(() => server.close());

    it("hands a device its ceiling of challenges, counted in the shared table, then refuses in French; another device still gets one", async () => {
      const ip = "192.0.2.20";
      const page = deviceClient(server.url, { ip, device: newDevice() });
      const result = await burst(limits.powChallenge.perDevice.max + 10, 5, () => page.pow.challenge.mutate());
      expect(accepted(result)).toBe(limits.powChallenge.perDevice.max);
      expectRefusedInFrench(result);
      const rows = await server.guichet.db.execute<{ n: number | string }>("select count(*) as n from rate_limit where key like ?", ["abuse_powChallenge%"]);
      expect(Number(rows[0]!.n)).toBeGreaterThan(0);
      expect(await deviceClient(server.url, { ip, device: newDevice() }).pow.challenge.mutate()).not.toBeNull();
    });

    it("holds a script that drops its cookies to its address's ceiling of challenges", async () => {
      const script = deviceClient(server.url, { ip: "203.0.113.21" });
      const result = await burst(limits.powChallenge.perAddress.max + 10, 10, () => script.pow.challenge.mutate());
      expect(accepted(result)).toBe(limits.powChallenge.perAddress.max);
      expectRefusedInFrench(result);
    });
  },
  120_000,
);

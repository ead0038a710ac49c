import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { craftedPng } from "./craftedPng";
import { testEngines } from "./engines";
import { startTestServer, type TestServer } from "./testServer";

/*
 * Issue 21's image bombs, over HTTP: small files whose headers declare huge images. Each is judged
 * from its header before a pixel is decoded, and decodes wait in a short line, so a burst of them
 * leaves the server's resident size bounded.
 */
let wide: Buffer; // 49,999,999 × 1, 1 bit: 6 KB
let deep: Buffer; // 7,000², 16-bit RGBA: 381 KB
let largestPng: Buffer; // 4,096², 16-bit RGBA: the largest PNG accepted
beforeAll(async () => {
  [wide, deep, largestPng] = await Promise.all([
    craftedPng(49_999_999, 1, { bitDepth: 1 }),
    craftedPng(7000, 7000, { bitDepth: 16, colour: "rgba" }),
    craftedPng(4096, 4096, { bitDepth: 16, colour: "rgba" }),
  ]);
}, 60_000);

const mb = (bytes: number) => Math.round(bytes / 1e6);

/** The process's peak resident size while `work` runs, sampled every 5 ms (sharp decodes off the event loop). */
async function peakResident<T>(work: () => Promise<T>): Promise<{ value: T; before: number; peak: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const value = await work();
    return { value, before, peak: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

describe.each(testEngines)("photos bounded before they are decoded, on %s", (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ GUICHET_WORKER: "off" }, { engine });
  });
  afterAll(() => server.close());

  let address = 0;
  /** Each upload from its own address and flow, so the per-client photo ceilings stay out of the way. */
  async function upload(png: Buffer) {
    const ip = `198.51.100.${++address}`;
    const view = await server.client.flow.start.mutate();
    const res = await fetch(`${server.url}/api/photo`, {
      method: "POST",
      headers: { "content-type": "image/png", "x-guichet-flow": view.token, "x-forwarded-for": ip },
      body: new Uint8Array(png),
    });
    const body = (await res.json()) as { photoId?: string; error?: { message: string } };
    return { status: res.status, body, token: view.token, retryAfter: res.headers.get("retry-after") };
  }

  it("refuses a PNG declaring 49,999,999 × 1 pixels from its header, in French, without decoding it", async () => {
    const started = performance.now();
    const { value: res, before, peak } = await peakResident(() => upload(wide));
    const ms = Math.round(performance.now() - started);
    console.log(`[${engine}] 49,999,999 × 1 PNG (${wide.length} B): ${res.status} in ${ms} ms, resident ${mb(before)} → ${mb(peak)} MB`);
    expect(res.status).toBe(422);
    expect(res.body.error?.message).toMatch(/trop large ou trop haute.*Choisissez-en une plus petite/);
    expect(peak - before).toBeLessThan(40e6);
    expect(ms).toBeLessThan(1000);
  });

  it("refuses a 7,000² 16-bit PNG from its header, in French", async () => {
    const { value: res, before, peak } = await peakResident(() => upload(deep));
    console.log(`[${engine}] 7,000² 16-bit PNG (${deep.length} B): ${res.status}, resident ${mb(before)} → ${mb(peak)} MB`);
    expect(res.status).toBe(422);
    expect(res.body.error?.message).toMatch(/PNG est trop grande.*Choisissez-en une plus petite/);
    expect(peak - before).toBeLessThan(40e6);
  });

  it("accepts the largest PNG allowed and keeps it at 8 bits per channel, whatever the upload's depth", async () => {
    const res = await upload(largestPng);
    expect(res.status).toBe(200);
    const stored = await fetch(`${server.url}/api/photo/${res.body.photoId}`, { headers: { "x-guichet-flow": res.token } });
    const meta = await sharp(Buffer.from(await stored.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ width: 1200, height: 1200, depth: "uchar" });
  });

  it("keeps the process's resident size bounded under six hostile uploads at once, and tells the ones past the line to retry, in French", async () => {
    const bombs = [wide, deep, largestPng, wide, deep, largestPng];
    const { value: answers, before, peak } = await peakResident(() => Promise.all(bombs.map((png) => upload(png))));
    console.log(`[${engine}] six hostile uploads at once: ${answers.map((a) => a.status).join(", ")}; resident ${mb(before)} → ${mb(peak)} MB`);
    for (const a of answers) expect([200, 422, 503]).toContain(a.status);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(0);
    // The issue measured +1,350 MB (181 → 1,530) for six at once; the server's budget is 300 MB in all.
    expect(peak - before).toBeLessThan(150e6);

    // Eight of the largest PNG allowed at once: one decodes, four wait, the rest hear « Réessayez ».
    const burst = await Promise.all(Array.from({ length: 8 }, () => upload(largestPng)));
    console.log(`[${engine}] eight 4,096² 16-bit PNGs at once: ${burst.map((a) => a.status).join(", ")}`);
    const busy = burst.filter((a) => a.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    for (const a of busy) {
      expect(a.body.error?.message).toMatch(/Réessayez dans quelques instants/);
      expect(Number(a.retryAfter)).toBeGreaterThan(0);
    }
    expect(burst.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(1);
  }, 60_000);
});

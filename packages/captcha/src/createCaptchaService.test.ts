import { describe, expect, it } from "vitest";
import { seededRandom } from "../test/seededRandom.js";
import type { CaptchaRecord, CaptchaStore } from "./captchaStore.js";
import { captchaMessages } from "./captchaMessages.js";
import { createCaptchaService } from "./createCaptchaService.js";
import { createChallenge } from "./createChallenge.js";
import { inMemoryCaptchaStore } from "./inMemoryCaptchaStore.js";

const minute = 60_000;

/**
 * A service whose first challenge the test knows: the same seed draws the same challenge, so the
 * answers are read from a twin drawn beside it, never from the public challenge.
 */
async function setUp({ seed = 1, store = inMemoryCaptchaStore() as CaptchaStore } = {}) {
  const clock = { now: 0 };
  const service = createCaptchaService({ store, now: () => clock.now, random: seededRandom(seed) });
  const twin = createChallenge(seededRandom(seed));
  const first = await service.issue("flow-a");
  expect(first.id).toBe(twin.id);
  const wrongKey = twin.cells.find((cell) => cell.key !== twin.answerKey)!.key;
  return { clock, service, first, twin, wrongKey };
}

const reason = (verdict: { ok: boolean; reason?: string }) => (verdict.ok ? "ok" : verdict.reason);

describe("createCaptchaService", () => {
  it("accepts the right picture once, then refuses the same answer as already used", async () => {
    const { service, first, twin } = await setUp();
    expect(await service.verify("flow-a", first.id, { cellKey: twin.answerKey })).toEqual({ ok: true });
    expect(reason(await service.verify("flow-a", first.id, { cellKey: twin.answerKey }))).toBe("used");
  });

  it("refuses a challenge answered ten minutes after it was issued, then forgets it", async () => {
    const { clock, service, first, twin } = await setUp();
    clock.now = 10 * minute;
    expect(reason(await service.verify("flow-a", first.id, { cellKey: twin.answerKey }))).toBe("expired");
    expect(reason(await service.verify("flow-a", first.id, { cellKey: twin.answerKey }))).toBe("unknown");
  });

  it("accepts a challenge answered just before ten minutes", async () => {
    const { clock, service, first, twin } = await setUp();
    clock.now = 10 * minute - 1;
    expect(await service.verify("flow-a", first.id, { cellKey: twin.answerKey })).toEqual({ ok: true });
  });

  it("refuses a wrong picture, and then the old challenge even with the right picture", async () => {
    const { service, first, twin, wrongKey } = await setUp();
    expect(reason(await service.verify("flow-a", first.id, { cellKey: wrongKey }))).toBe("wrong");
    expect(reason(await service.verify("flow-a", first.id, { cellKey: twin.answerKey }))).toBe("unknown");
  });

  it("refuses another flow's challenge as unknown and leaves it usable by its own flow", async () => {
    const { service, first, twin } = await setUp();
    expect(reason(await service.verify("flow-b", first.id, { cellKey: twin.answerKey }))).toBe("unknown");
    expect(await service.verify("flow-a", first.id, { cellKey: twin.answerKey })).toEqual({ ok: true });
  });

  it("refuses an id it never issued", async () => {
    const { service } = await setUp();
    expect(reason(await service.verify("flow-a", "nope", { cellKey: "nope" }))).toBe("unknown");
  });

  it("accepts the answer in words, typed in digits or in words, and refuses a wrong one", async () => {
    const { service, first, twin } = await setUp();
    expect(first.alternative.question).toBe(twin.alternative.question);
    const [answer] = twin.alternative.acceptedAnswers;
    const wrong = await setUp();
    expect(reason(await wrong.service.verify("flow-a", wrong.first.id, { text: "certainement pas" }))).toBe("wrong");
    expect(await service.verify("flow-a", first.id, { text: ` ${answer!.toUpperCase()} ` })).toEqual({ ok: true });
  });

  it("checks only one of several simultaneous answers to a challenge", async () => {
    const { service, first } = await setUp();
    // A script answering every cell at once must not get the one right answer checked for free.
    const verdicts = await Promise.all(first.cells.map((cell) => service.verify("flow-a", first.id, { cellKey: cell.key })));
    expect(verdicts.map(reason).filter((r) => r !== "used")).toHaveLength(1);
  });

  it("stores hashes only, never an answer in clear", async () => {
    const saved: CaptchaRecord[] = [];
    const memory = inMemoryCaptchaStore();
    const store: CaptchaStore = { ...memory, save: async (record) => (saved.push(record), memory.save(record)) };
    const { twin } = await setUp({ store });
    const stored = JSON.stringify(saved);
    expect(stored).not.toContain(twin.answerKey);
    expect(stored).not.toContain(twin.target);
    for (const answer of twin.alternative.acceptedAnswers) expect(stored).not.toContain(`"${answer}"`);
    expect(saved[0]).toMatchObject({ flowId: "flow-a", used: false, expiresAt: 10 * minute });
  });

  it("has a French message for every refusal, each offering a new check", () => {
    for (const r of ["wrong", "expired", "used", "unknown"] as const) expect(captchaMessages[r]).toMatch(/Un nouveau contrôle vous est proposé/);
  });
});

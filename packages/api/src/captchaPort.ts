import { captchaMessages, captchaWaitMessages, createCaptchaService, type CaptchaFailure, type CaptchaStore, type PublicChallenge } from "@guichet/captcha";
import { fr, type CaptchaAnswer, type CaptchaView } from "@guichet/schema";
import { captchaRepository, type Database } from "@guichet/db";
import type { CaptchaLimits } from "./captchaLimits";
import type { CaptchaPort } from "./flowRuntime";

/** A challenge a page can answer (not the switched-off or waiting views). */
export type ChallengeView = Extract<CaptchaView, { kind: "pictures" | "characters" }>;
type WaitView = Extract<CaptchaView, { kind: "wait" }>;

/** Where challenges come from: Guichet's own pictures, or the State's CaptchEtat. Limits are the port's. */
export interface CaptchaProvider {
  issue(flowId: string): Promise<ChallengeView>;
  verify(flowId: string, answer: CaptchaAnswer): Promise<{ ok: true } | { ok: false; reason: CaptchaFailure }>;
}

const toView = (c: PublicChallenge): ChallengeView => ({
  kind: "pictures",
  disabled: false,
  challengeId: c.id,
  prompt: c.prompt,
  cells: c.cells.map((cell) => ({ key: cell.key, src: cell.src })),
  question: c.alternative.question,
});

/** Challenges kept in the database, so any server process can check an answer. */
export function databaseCaptchaStore(db: Database): CaptchaStore {
  const challenges = captchaRepository(db);
  return {
    async save(record) {
      await challenges.insert({ id: record.id, flowId: record.flowId, record: JSON.stringify(record), expiresAt: new Date(record.expiresAt) });
    },
    async get(id) {
      const record = await challenges.record(id);
      return record === undefined ? undefined : JSON.parse(record);
    },
    async update(record) {
      // Compare-and-set on the flag: of two simultaneous answers only one claims the challenge.
      return challenges.updateUnused(record.id, JSON.stringify(record), record.used);
    },
    async delete(id) {
      await challenges.delete(id);
    },
  };
}

/** Guichet's own check: pictures and a question in words, answers hashed in the database. */
export function ownCaptcha(options: { store: CaptchaStore; now?: () => number }): CaptchaProvider {
  const service = createCaptchaService({ store: options.store, ...(options.now ? { now: options.now } : {}) });
  return {
    issue: async (flowId) => toView(await service.issue(flowId)),
    verify: (flowId, answer) => service.verify(flowId, answer.challengeId, answer.cellKey ? { cellKey: answer.cellKey } : { text: answer.text ?? "" }),
  };
}

/** The challenge a flow was last shown, while it can still be answered: a reload shows the same pictures. */
function shownChallenges(db: Database) {
  const challenges = captchaRepository(db);
  return {
    async current(flowId: string, now: number): Promise<ChallengeView | undefined> {
      const view = await challenges.shownView(flowId, new Date(now + 60_000));
      if (view === undefined) return undefined;
      // Views stored before there were several kinds were pictures.
      return { kind: "pictures", ...JSON.parse(view) } as ChallengeView;
    },
    async remember(view: ChallengeView) {
      await challenges.setView(view.challengeId, JSON.stringify(view));
    },
  };
}

// A refusal whose next view is a wait says why it waits, not that a new check is offered.
const refusal = (message: string, next: CaptchaView) => ({
  ok: false as const,
  message: !next.disabled && next.kind === "wait" ? next.message : message,
  next,
});
const minutes = (seconds: number) => Math.ceil(seconds / 60);
const waiting = (message: string): WaitView => ({ disabled: false, kind: "wait", message });

/** Who asks, as far as the limits need to know: the client's address (absent for live views and resumes). */
export interface CaptchaRequest {
  readonly ip?: string;
}

/**
 * The security check as the flow runtime sees it: a provider behind its limits (a flow
 * waits after 5 wrong answers; challenges per client address are capped), and the challenge shown
 * kept so that a reload or another open view shows the same one.
 */
export function captchaPort(options: {
  provider: CaptchaProvider;
  limits: CaptchaLimits;
  disabled: boolean;
  db: Database;
  now?: () => number;
  log?: (line: string) => void;
}): CaptchaPort {
  if (options.disabled) {
    return { disabled: true, issue: async () => ({ disabled: true }), verify: async () => ({ ok: true }) };
  }
  const { provider, limits } = options;
  const shown = shownChallenges(options.db);
  const now = () => options.now?.() ?? Date.now();

  async function currentOrNew(flowId: string, request: CaptchaRequest): Promise<CaptchaView> {
    const wait = await limits.flowWait(flowId);
    if (wait > 0) return waiting(captchaWaitMessages.tooManyTries(minutes(wait)));
    const current = await shown.current(flowId, now());
    if (current) return current;
    if (request.ip !== undefined) {
      const capped = await limits.issuing(request.ip);
      if (capped > 0) return waiting(captchaWaitMessages.tooManyChallenges(minutes(capped)));
    }
    let view: ChallengeView;
    try {
      view = await provider.issue(flowId);
    } catch (err) {
      options.log?.(`Contrôle de sécurité indisponible : ${err instanceof Error ? err.message : String(err)}`);
      return waiting(fr.captcha.unavailable);
    }
    await shown.remember(view);
    return view;
  }

  // A move onto the step and the other open views it wakes all ask at once: they share one challenge.
  const issuing = new Map<string, Promise<CaptchaView>>();
  const issue = (flowId: string, request: CaptchaRequest = {}) => {
    let pending = issuing.get(flowId);
    if (!pending) {
      pending = currentOrNew(flowId, request).finally(() => issuing.delete(flowId));
      issuing.set(flowId, pending);
    }
    return pending;
  };

  return {
    disabled: false,
    issue,
    async verify(flowId, answer, request = {}) {
      // While a flow waits, nothing is checked: not even a right answer gets through.
      const wait = await limits.flowWait(flowId);
      if (wait > 0) {
        const message = captchaWaitMessages.tooManyTries(minutes(wait));
        return { ok: false, message, next: waiting(message) };
      }
      let verdict: Awaited<ReturnType<CaptchaProvider["verify"]>>;
      try {
        verdict = await provider.verify(flowId, answer);
      } catch (err) {
        options.log?.(`Contrôle de sécurité indisponible : ${err instanceof Error ? err.message : String(err)}`);
        return refusal(fr.captcha.unavailable, await issue(flowId, request));
      }
      if (verdict.ok) return { ok: true };
      if (verdict.reason === "wrong") {
        const failedWait = await limits.failed(flowId);
        if (failedWait > 0) {
          const message = captchaWaitMessages.tooManyTries(minutes(failedWait));
          return { ok: false, message, next: waiting(message) };
        }
      }
      return refusal(captchaMessages[verdict.reason], await issue(flowId, request));
    },
  };
}

import { randomUUID } from "node:crypto";
import type { CaptchaStore } from "@guichet/captcha";
import type { CaptchaProvider, ChallengeView } from "./captchaPort";

/** How to reach CaptchEtat (api.gouv.fr, through PISTE): the tenant's application credentials. */
export interface CaptchEtatSettings {
  /** The API's base, e.g. https://api.piste.gouv.fr/piste/captchetat/v2 (sandbox: sandbox-api.piste.gouv.fr). */
  readonly url: string;
  /** PISTE's OAuth2 token endpoint, e.g. https://oauth.piste.gouv.fr/api/oauth/token. */
  readonly oauthUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The kind of captcha CaptchEtat draws (its `c` parameter), e.g. captchaFR. */
  readonly captchaType?: string;
}

/** Past this, a call to CaptchEtat counts as failed: the citizen is asked to retry, and the process never hangs. */
const TIMEOUT_MS = 5_000;

/**
 * The State's captcha behind the same port as Guichet's own: an OAuth2 client-credentials token from
 * PISTE (kept until shortly before it expires), `simple-captcha-endpoint` for the image and its
 * sound, `valider-captcha` to check the characters typed. Each challenge is also recorded in our
 * own `captcha` table, bound to its flow and claimed once, so the port's rules hold unchanged.
 */
export function captchEtat(settings: CaptchEtatSettings, deps: { store: CaptchaStore; now?: () => number; ttlMs?: number }): CaptchaProvider {
  const now = deps.now ?? Date.now;
  const ttlMs = deps.ttlMs ?? 10 * 60_000;
  const type = settings.captchaType ?? "captchaFR";
  let token: { value: string; until: number } | undefined;

  async function bearer(): Promise<string> {
    if (token && token.until > Date.now()) return token.value;
    const res = await fetch(settings.oauthUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: settings.clientId,
        client_secret: settings.clientSecret,
        scope: "piste.captchetat",
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`PISTE OAuth2: HTTP ${res.status}`);
    const body = (await res.json()) as { access_token?: string; expires_in?: number };
    if (!body.access_token) throw new Error("PISTE OAuth2: no access_token");
    token = { value: body.access_token, until: Date.now() + Math.max(0, (body.expires_in ?? 600) - 60) * 1000 };
    return token.value;
  }

  async function call(path: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(`${settings.url.replace(/\/$/, "")}${path}`, {
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${await bearer()}` },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    // A token revoked early: forget it, the next call asks for another.
    if (res.status === 401) token = undefined;
    if (!res.ok) throw new Error(`CaptchEtat ${path.split("?")[0]}: HTTP ${res.status}`);
    return res;
  }

  return {
    async issue(flowId) {
      const image = (await (await call(`/simple-captcha-endpoint?get=image&c=${encodeURIComponent(type)}`)).json()) as { imageb64?: string; uuid?: string };
      if (!image.imageb64 || !image.uuid) throw new Error("CaptchEtat simple-captcha-endpoint: no image or uuid");
      const sound = await call(`/simple-captcha-endpoint?get=sound&c=${encodeURIComponent(type)}&t=${encodeURIComponent(image.uuid)}`)
        .then(async (res) => `data:${res.headers.get("content-type") ?? "audio/wav"};base64,${Buffer.from(await res.arrayBuffer()).toString("base64")}`)
        .catch(() => undefined);
      // Our id is not CaptchEtat's: the page never learns the uuid it would need to ask CaptchEtat directly.
      const id = randomUUID();
      await deps.store.save({ id, flowId, externalId: image.uuid, answerHash: "", altAnswerHashes: [], expiresAt: now() + ttlMs, used: false });
      const view: ChallengeView = {
        disabled: false,
        kind: "characters",
        challengeId: id,
        image: image.imageb64.startsWith("data:") ? image.imageb64 : `data:image/png;base64,${image.imageb64}`,
        ...(sound ? { audio: sound } : {}),
      };
      return view;
    },

    async verify(flowId, answer) {
      const record = await deps.store.get(answer.challengeId);
      if (!record || record.flowId !== flowId) return { ok: false, reason: "unknown" };
      if (record.used) return { ok: false, reason: "used" };
      if (now() >= record.expiresAt) {
        await deps.store.delete(record.id);
        return { ok: false, reason: "expired" };
      }
      if (!(await deps.store.update({ ...record, used: true }))) return { ok: false, reason: "used" };
      const res = await call("/valider-captcha", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ uuid: record.externalId, code: (answer.text ?? "").trim() }),
      });
      if ((await res.text()).trim() === "true") return { ok: true };
      await deps.store.delete(record.id);
      return { ok: false, reason: "wrong" };
    },
  };
}

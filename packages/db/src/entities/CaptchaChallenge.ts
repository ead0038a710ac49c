import { EntitySchema } from "@mikro-orm/core";

/** A security check issued to a flow; its answers are stored hashed, never sent to a browser. */
export interface CaptchaChallenge {
  id: string;
  flowId: string;
  record: string;
  /** The public challenge as last shown, so that a reload shows the same pictures. */
  view?: string | null;
  /** 1 once an answer was checked against it. */
  used: number;
  expiresAt: Date;
}

export const CaptchaChallengeSchema = new EntitySchema<CaptchaChallenge>({
  name: "CaptchaChallenge",
  tableName: "captcha",
  properties: {
    id: { type: "string", length: 64, primary: true },
    flowId: { type: "string", length: 36, index: true },
    record: { type: "text" },
    view: { type: "text", nullable: true },
    used: { type: "integer", default: 0 },
    expiresAt: { type: "datetime", index: true },
  },
});

import {
  Address,
  CaptchaAnswer,
  Contacts,
  ServiceKeys,
  Terms,
  credentialsSchema,
  fr,
  identitySchema,
  seedPasswordPolicy,
  validate,
  type FieldErrors,
  type FlowView,
} from "@guichet/schema";
import { inFrance } from "./fields/CountrySelect";
import { text, type Values } from "./fields/FormState";
import { serviceField } from "./ServicesTable";

/** What the form holds when a step opens: the view's values, the services' keys, an empty captcha answer. */
export function initialValues(view: FlowView): Values {
  const values: Values = {};
  for (const f of view.fields) values[f.name] = f.value;
  for (const s of view.services ?? []) values[serviceField(s.id)] = s.key;
  if (view.step === "captcha") Object.assign(values, { cellKey: "", text: "" });
  return values;
}

/** Fields that must not outlive the page (kept out of drafts saved in the browser). */
export const secretFields = (view: FlowView) => view.fields.filter((f) => f.kind === "password").map((f) => f.name);

/**
 * The values a move carries, shaped as the step's schema reads them: empty answers left out
 * (an empty optional choice is no choice), the département dropped abroad, keys under `keys`.
 */
export function stepValues(view: FlowView, values: Values): Record<string, unknown> {
  if (view.step === "services")
    return {
      keys: Object.fromEntries((view.services ?? []).map((s) => [s.id, s.auto ? s.key : text(values[serviceField(s.id)])])),
    };
  if (view.step === "captcha") {
    const c = view.captcha;
    // With the check switched off (tests and demos) the server accepts any answer, but still wants one.
    if (!c || c.disabled) return {};
    // While the check waits there is nothing to answer: VALIDER asks the server again, which says how long is left.
    if (c.kind === "wait") return { challengeId: "wait", text: "wait" };
    const cellKey = text(values.cellKey);
    return cellKey ? { challengeId: c.challengeId, cellKey } : { challengeId: c.challengeId, text: text(values.text) };
  }
  const out: Record<string, unknown> = {};
  const country = view.fields.find((f) => f.kind === "country")?.name;
  const france = inFrance(values, country);
  for (const f of view.fields) {
    const v = values[f.name];
    if (f.kind === "photo" || (f.kind === "departement" && !france)) continue;
    if (typeof v === "boolean") out[f.name] = v;
    else if (typeof v === "string" && (v.trim() !== "" || f.kind === "password")) out[f.name] = v;
  }
  if (view.step === "address" && text(values.codeInsee) && france) out.codeInsee = text(values.codeInsee);
  return out;
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};

/** The step's rules checked in the browser before sending, with the server's own schemas and words. */
export function checkStep(view: FlowView, payload: Record<string, unknown>): FieldErrors | null {
  const result = (() => {
    switch (view.step) {
      case "terms":
        return validate(Terms, { accepted: payload.accepted === true });
      case "identity":
        // A commune typed in full, not picked from the list, is the server's to recognise (or refuse).
        return validate(identitySchema(today()), payload);
      case "address":
        return validate(Address, payload);
      case "contacts":
        return validate(Contacts, payload);
      case "credentials":
        return validate(credentialsSchema(view.passwordPolicy ?? seedPasswordPolicy), {
          username: text(payload.username as string).trim(),
          password: text(payload.password as string),
          confirmation: text(payload.confirmation as string),
        });
      case "services":
        return validate(ServiceKeys, payload);
      case "captcha": {
        if (!view.captcha || view.captcha.disabled) return { ok: true as const };
        const r = validate(CaptchaAnswer, payload);
        return r.ok ? r : { ok: false as const, errors: { answer: fr.captcha.answerRequired } };
      }
      default:
        return { ok: true as const };
    }
  })();
  return result.ok ? null : result.errors;
}

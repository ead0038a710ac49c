import { checkStep as checkRules, seedPasswordPolicy, stepDefinition, type FieldErrors, type FlowView } from "@guichet/schema";
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
 * (an empty optional choice is no choice), the département dropped abroad, keys under `keys`. The photo
 * goes as its id: the image itself was sent apart when chosen.
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
    if (f.kind === "departement" && !france) continue;
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

/** The step's rules checked in the browser before sending: the server's own registry entry, schemas and words. */
export function checkStep(view: FlowView, payload: Record<string, unknown>): FieldErrors | null {
  const result = checkRules(stepDefinition(view.step), payload, {
    today: today(),
    passwordPolicy: view.passwordPolicy ?? seedPasswordPolicy,
    captchaDisabled: !view.captcha || view.captcha.disabled,
    ...(view.nameScripts ? { nameScripts: view.nameScripts } : {}),
  });
  const errors = result.ok ? {} : result.errors;
  // A commune typed in full, not picked from the list, is the server's to recognise (or refuse).
  return Object.keys(errors).length ? errors : null;
}

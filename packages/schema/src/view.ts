import type { FieldErrors } from "./validate";
import type { FieldSpec } from "./forms";
import type { PasswordPolicy } from "./password";

/** A field as a UI must draw it: its spec, its current value, its error. */
export interface FieldView extends FieldSpec {
  readonly value: string | boolean;
  /** How to show a coded value to people (a commune's name for its INSEE code). */
  readonly valueLabel?: string;
  readonly error?: string;
}

export interface ServiceKeyView {
  readonly id: string;
  readonly label: string;
  readonly key: string;
  /** True when the service recognised the citizen and filled the key itself. */
  readonly auto: boolean;
  readonly error?: string;
  readonly contact?: string;
}

export interface ReviewGroup {
  /** The step a "Modifier" link opens (an id of the step registry, one of the definition's `reviewed`). */
  readonly step: string;
  readonly title: string;
  readonly items: ReadonlyArray<{ readonly label: string; readonly value: string }>;
  /** IDENTITÉ's photo, by id: the page fetches it with the flow's token. */
  readonly photoId?: string;
}

/** CONTRÔLE DE SÉCURITÉ as a page draws it. */
export type CaptchaView =
  /** Switched off (GUICHET_CAPTCHA=off, tests and demos). */
  | { readonly disabled: true }
  /** Guichet's own check: pictures (raster images) to click, or a question in words (RGAA 1.5). */
  | {
      readonly disabled: false;
      readonly kind: "pictures";
      readonly challengeId: string;
      readonly prompt: string;
      readonly cells: ReadonlyArray<{ readonly key: string; readonly src: string }>;
      readonly question: string;
    }
  /** The State's CaptchEtat: characters to copy from an image, or to type from what is heard. */
  | {
      readonly disabled: false;
      readonly kind: "characters";
      readonly challengeId: string;
      readonly image: string;
      readonly audio?: string;
    }
  /** No check can be answered for a while (too many wrong answers, or too many checks asked for). */
  | { readonly disabled: false; readonly kind: "wait"; readonly message: string };

/**
 * The headless flow view: everything any UI needs to draw the current step,
 * and nothing it must not see (no password, no secret, no answer of the captcha).
 */
export interface FlowView {
  /** The flow's definition (its kind): "registration", or a démarche. */
  readonly kind: string;
  readonly token: string;
  readonly version: number;
  readonly status: "active" | "done" | "cancelled";
  /** The page's id: a step of the registry, or a page of the definition (welcome, review, done…). */
  readonly step: string;
  readonly title: string;
  readonly progress: { readonly current: number; readonly total: number };
  readonly fields: ReadonlyArray<FieldView>;
  /** Field errors by field name; `_form` for the step as a whole. */
  readonly errors: FieldErrors;
  readonly can: { readonly next: boolean; readonly back: boolean; readonly cancel: boolean };
  /** True when the step was opened by a "Modifier" link and will return to the review. */
  readonly editing: boolean;
  readonly review?: ReadonlyArray<ReviewGroup>;
  readonly services?: ReadonlyArray<ServiceKeyView>;
  readonly captcha?: CaptchaView;
  readonly passwordPolicy?: PasswordPolicy;
  /** The writing systems the tenant accepts in names, on a page with a name field, when not Latin alone. */
  readonly nameScripts?: ReadonlyArray<string>;
  /** IDENTITÉ (and the review) when FranceConnect certified the identity: those fields are shown read-only. */
  readonly certified?: {
    readonly by: "FranceConnect";
    /** The fields FranceConnect filled, locked. */
    readonly fields: ReadonlyArray<string>;
    /** Each locked field's value as people read it (a country's, a département's, a commune's name). */
    readonly labels: Readonly<Record<string, string>>;
    /** The birth commune as FranceConnect named it, when it has merged into another since. */
    readonly birthplaceAsSent?: string;
  };
  /** The final page: where the activation e-mail went (masked) and how long its link and code last. */
  readonly done?: { readonly sentTo?: string; readonly activationHours: number };
  /** A démarche's final page: its paragraphs, as its definition writes them (`FlowDefinition.ending`). */
  readonly ending?: ReadonlyArray<string>;
}

/** What a UI sends: a move, with the values of the current step when it has any. */
export type FlowMove =
  | { readonly type: "START" }
  | { readonly type: "NEXT"; readonly values?: Record<string, unknown> }
  | { readonly type: "BACK"; readonly values?: Record<string, unknown> }
  /** A "Modifier" link of the review: the step must be one the definition lets the review open. */
  | { readonly type: "EDIT"; readonly step: string }
  | { readonly type: "CANCEL" };

import type { CaptchaFailure } from "./createCaptchaService.js";

/**
 * What the page says for each refusal. Every refusal comes with a new challenge, so every message
 * says so. "Réponse", not "image": the same message serves the question in words.
 */
export const captchaMessages: Record<CaptchaFailure, string> = {
  wrong: "Ce n’est pas la bonne réponse. Un nouveau contrôle vous est proposé.",
  expired: "Le contrôle de sécurité a expiré. Un nouveau contrôle vous est proposé.",
  used: "Ce contrôle de sécurité a déjà servi. Un nouveau contrôle vous est proposé.",
  unknown: "Ce contrôle de sécurité n’est pas reconnu. Un nouveau contrôle vous est proposé.",
};

const inMinutes = (minutes: number) => (minutes <= 1 ? "dans une minute" : `dans ${minutes} minutes`);

/** What the page says while the check is refused for a while (no challenge is shown meanwhile). */
export const captchaWaitMessages = {
  /** After too many wrong answers in one sign-up. */
  tooManyTries: (minutes: number) => `Trop d’essais\u00a0: réessayez ${inMinutes(minutes)}. Vos réponses déjà validées sont conservées.`,
  /** After too many challenges asked for from one network. */
  tooManyChallenges: (minutes: number) =>
    `Trop de contrôles de sécurité ont été demandés depuis votre réseau\u00a0: réessayez ${inMinutes(minutes)}. ` +
    "Vos réponses déjà validées sont conservées.",
};

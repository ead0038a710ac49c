import type { CaptchaFailure } from './createCaptchaService.js';

/**
 * What the page says for each refusal. Every refusal comes with a new challenge, so every message
 * says so. "Réponse", not "image": the same message serves the question in words.
 */
export const captchaMessages: Record<CaptchaFailure, string> = {
  wrong: "Ce n'est pas la bonne réponse. Un nouveau contrôle vous est proposé.",
  expired: 'Le contrôle de sécurité a expiré. Un nouveau contrôle vous est proposé.',
  used: 'Ce contrôle de sécurité a déjà servi. Un nouveau contrôle vous est proposé.',
  unknown: "Ce contrôle de sécurité n'est pas reconnu. Un nouveau contrôle vous est proposé.",
  tooManyTries:
    "Ce n'est pas la bonne réponse, et les essais ont été nombreux. Un nouveau contrôle vous est proposé ; " +
    'vous pouvez aussi répondre à la question écrite.',
};

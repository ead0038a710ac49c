const minutes = (ms: number) => {
  const n = Math.max(1, Math.ceil(ms / 60_000));
  return `${n}\u00a0minute${n > 1 ? "s" : ""}`;
};

/** What a citizen reads when a ceiling of abuseLimits is reached: what to do, and never which ceiling. */
export const abuseMessages = {
  tooManyStarts: (waitMs: number) => `Trop d’inscriptions ont été commencées depuis cet appareil ou ce réseau. Veuillez réessayer dans ${minutes(waitMs)}.`,
  tooManyRequests: (waitMs: number) => `Trop de demandes en peu de temps. Veuillez réessayer dans ${minutes(waitMs)}.`,
  strengthBusy: "L’estimation de la robustesse est momentanément indisponible\u00a0: réessayez dans un instant.",
  liveViewReplaced:
    "Cette inscription est ouverte sur trop d’écrans à la fois\u00a0: celui-ci ne se met plus à jour tout seul. Rechargez la page pour la suivre ici.",
} as const;

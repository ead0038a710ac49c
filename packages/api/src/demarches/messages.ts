/** What "Mon espace" says of its démarches, in French. */
export const demarcheMessages = {
  unknown: "Cette démarche n’existe pas ou n’est pas proposée par votre collectivité.",
  notFound: "Cette démarche est terminée, abandonnée ou expirée.",
  abandoned: "La démarche a été abandonnée.",
  pendingEmail: (address: string) => `${address} (en attente de confirmation)`,
  pendingEmailLabel: "Nouvelle adresse électronique",
  emailConfirm: {
    confirmed: "Votre nouvelle adresse électronique est confirmée. Elle remplace l’ancienne dans votre espace.",
    used: "Ce lien a déjà servi ou a été remplacé par un plus récent.",
    expired: "Ce lien a expiré. Refaites la démarche «\u00a0Modifier mes coordonnées\u00a0» depuis Mon espace.",
    invalid: "Ce lien n’est pas valide. Vérifiez que vous l’avez copié en entier.",
  },
} as const;

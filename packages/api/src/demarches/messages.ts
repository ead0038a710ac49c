/** What "Mon espace" says of its démarches, in French. */
export const demarcheMessages = {
  unknown: "Cette démarche n’existe pas ou n’est pas proposée par votre collectivité.",
  notFound: "Cette démarche est terminée, abandonnée ou expirée.",
  abandoned: "La démarche a été abandonnée.",
  /** A démarche resumed after the account changed elsewhere: its page shows today's values. */
  changedSince: (fields: ReadonlyArray<string>) =>
    `Votre espace a été modifié depuis le début de cette démarche (${fields.join(", ")})\u00a0: la page affiche maintenant ses valeurs actuelles. Vérifiez-les avant de continuer.`,
  pendingEmail: (address: string) => `${address} (en attente de confirmation)`,
  pendingEmailLabel: "Nouvelle adresse électronique",
  emailConfirm: {
    confirmed: "Votre nouvelle adresse électronique est confirmée. Elle remplace l’ancienne dans votre espace.",
    used: "Ce lien a déjà servi ou a été remplacé par un plus récent.",
    // The same link ends « Modifier mes coordonnées » and « Changer mon adresse électronique »: the sentence names neither.
    expired: "Ce lien a expiré. Depuis Mon espace, changez à nouveau votre adresse électronique\u00a0: un nouveau lien vous sera envoyé.",
    invalid: "Ce lien n’est pas valide. Vérifiez que vous l’avez copié en entier.",
  },
} as const;

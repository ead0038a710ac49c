/** What "Mon espace" says of its démarches, in French. */
export const demarcheMessages = {
  unknown: "Cette démarche n’existe pas ou n’est pas proposée par votre collectivité.",
  notFound: "Cette démarche est terminée, abandonnée ou expirée.",
  abandoned: "La démarche a été abandonnée.",
  pendingEmail: (address: string) => `${address} (en attente de confirmation)`,
} as const;

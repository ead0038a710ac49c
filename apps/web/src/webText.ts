/** The web app's own few words (the rest comes from @guichet/schema's `fr` and @guichet/ui's `ui`). */
export const webText = {
  skip: "Aller au contenu",
  username: "Nom d’utilisateur",
  password: "Mot de passe",
  recoverTitle: "Retrouver mon inscription",
  recoverIntro:
    "Vous n’avez plus le code de reprise ni l’appareil où vous aviez commencé\u00a0? Indiquez le courriel saisi à l’étape MOYENS DE CONTACT\u00a0: nous y enverrons un lien pour reprendre chaque inscription en cours.",
  recoverEmail: "Votre courriel",
  recoverSend: "Recevoir un lien par courriel",
} as const;

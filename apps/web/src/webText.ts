/** The web app's own few words (the rest comes from @guichet/schema's `fr` and @guichet/ui's `ui`). */
export const webText = {
  skip: "Aller au contenu",
  username: "Nom d'utilisateur",
  password: "Mot de passe",
} as const;

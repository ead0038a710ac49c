/** The words of typing the activation code of the e-mail (the server's answers are French sentences already). */
export const activationText = {
  title: "Activer mon espace",
  intro: "Le courriel de confirmation contient un code de 6 chiffres\u00a0: saisissez-le ici, avec votre nom d’utilisateur ou votre courriel.",
  identifier: "Nom d’utilisateur ou courriel",
  code: "Code d’activation",
  codeHint: "6 chiffres, par exemple 123456",
  activate: "Activer mon espace",
  activating: "Activation de votre espace en cours…",
} as const;

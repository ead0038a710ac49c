/** The words of "Continuer sur un autre appareil", "Reprendre une inscription" and live views. */
export const resumeText = {
  elsewhere: "Continuer sur un autre appareil",
  elsewhereHide: "Masquer le code de reprise",
  phone: "Continuer sur mon téléphone",
  offerIntro: "Sur l’autre appareil, ouvrez la page d’accueil, choisissez «\u00a0Reprendre une inscription\u00a0» et tapez ce code\u00a0:",
  codeLabel: "Code de reprise",
  qrIntro: "Ou scannez ce QR code avec l’appareil photo de votre téléphone\u00a0:",
  qrAlt: "QR code du lien de reprise de votre inscription",
  validity: (until: string) => `Ce code et ce QR code sont valables 30 minutes (jusqu’à ${until}) et ne servent qu’une fois.`,
  sendLink: "Recevoir le lien par courriel",
  linkSent: (to: string) => `Le lien de reprise a été envoyé à ${to}. Il est valable 30 minutes.`,
  emailLater: "Une fois votre courriel indiqué à l’étape MOYENS DE CONTACT, vous pourrez aussi recevoir le lien par courriel.",
  newCode: "Obtenir un nouveau code",
  preparing: "Préparation du code…",

  resumeTitle: "Reprendre une inscription",
  resumeIntro: "Tapez le code de reprise affiché sur l’appareil où vous avez commencé votre inscription.",
  codeHint: "8 caractères, par exemple K7QM-4P2X",
  resumeButton: "Reprendre",
  resuming: "Reprise en cours…",
  codeRequired: "Saisissez le code de reprise.",
  openingLink: "Ouverture de votre inscription…",

  movedTitle: "Votre inscription a avancé sur un autre appareil.",
  movedText: (step: string) => `Elle est maintenant à l’étape ${step}. Ce que vous venez de saisir ici n’a pas été envoyé.`,
  follow: "Afficher l’étape en cours",
  followed: (step: string) => `Votre inscription a avancé sur un autre appareil\u00a0: voici l’étape ${step}.`,
  resumedElsewhere: "Votre inscription a été reprise sur un autre appareil. Vous pouvez la poursuivre ici ou là-bas.",
  endedElsewhere: "Cette inscription a été abandonnée sur un autre appareil.",

  photoAtKiosk:
    "La borne ne permet pas d’ajouter une photo. Elle est facultative\u00a0: vous pourrez l’ajouter depuis votre téléphone avec «\u00a0Continuer sur mon téléphone\u00a0».",
  photoAdded: "Une photo a été ajoutée depuis un autre appareil.",
} as const;

/** `K 7 Q M, 4 P 2 X`: read one character at a time by a screen reader. */
export const spelledCode = (code: string) =>
  code
    .split("-")
    .map((half) => half.split("").join(" "))
    .join(", ");

/** `14 h 32`, the French way, on the device's clock. */
export const frenchTime = (iso: string) => {
  const d = new Date(iso);
  return `${d.getHours()}\u00a0h\u00a0${String(d.getMinutes()).padStart(2, "0")}`;
};

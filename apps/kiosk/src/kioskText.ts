/** The kiosk's own words; the flow's come from @guichet/schema and @guichet/ui. */
export const kioskText = {
  title: "Borne – Espace citoyen",
  attractTitle: (shortName: string) => `Borne – Espace citoyen – ${shortName}`,
  welcome: "Bienvenue",
  attractLead: "Créez votre espace citoyen en quelques étapes, ou reprenez une inscription commencée ailleurs.",
  create: "Créer mon espace",
  resume: "Reprendre une inscription",
  activate: "Activer mon espace",
  starting: "Ouverture de votre inscription…",
  startFailed: "La borne ne parvient pas à joindre le service. Veuillez réessayer dans un instant.",
  loading: "Chargement…",
  touchToStart: "Touchez l’écran pour commencer",

  stillThere: "Êtes-vous toujours là\u00a0?",
  stillThereText: (seconds: number) =>
    `Sans réponse de votre part, l’écran sera effacé dans ${seconds} seconde${seconds > 1 ? "s" : ""}. Vos réponses déjà validées restent enregistrées.`,
  stay: "Oui, je suis là",
  stillThereResume: "Vous partez\u00a0? Demandez un code de reprise pour continuer plus tard sur votre téléphone.",

  phone: "Continuer sur mon téléphone",
  handoffTitle: "Continuer sur mon téléphone",
  /** The document's title on the kiosk's own screens, after the page's: "Borne CCPLM". */
  titleSuffix: (shortName: string) => `Borne ${shortName}`,
  handoffCountdown: (seconds: number) => `Cet écran s’effacera dans ${formatSeconds(seconds)}, ou dès que votre téléphone aura pris le relais.`,
  handoffEnd: "Terminer maintenant",
  handoffBack: "Revenir à mon inscription",

  end: "Terminer",
  endConfirm:
    "Voulez-vous quitter la borne\u00a0? Les étapes déjà validées restent enregistrées. Pour les retrouver ailleurs, choisissez plutôt «\u00a0Continuer sur mon téléphone\u00a0».",
  endYes: "Oui, quitter",
  endNo: "Non, continuer",
  back: "Retour",

  keyboard: "Clavier à l’écran",
  keys: {
    shift: "Majuscule",
    backspace: "Effacer",
    space: "Espace",
    enter: "Champ suivant",
    hide: "Masquer le clavier",
    // Said after the key's own text (« 123 — chiffres et symboles »): a voice user names a key by what it shows (WCAG 2.5.3).
    letters: "lettres",
    digits: "chiffres et symboles",
    accents: "lettres accentuées",
  },
} as const;

function formatSeconds(seconds: number) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (m === 0) return `${s} seconde${s > 1 ? "s" : ""}`;
  return s === 0 ? `${m} minute${m > 1 ? "s" : ""}` : `${m} min ${String(s).padStart(2, "0")} s`;
}

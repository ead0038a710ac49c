/** What the account pages say: one sentence per situation, the same on the web and at the kiosk. */
export const accountMessages = {
  activation: {
    activated: "Votre espace citoyen est activé. Vous pouvez maintenant vous connecter.",
    alreadyActive: "Ce lien a déjà servi\u00a0: votre espace citoyen est déjà activé. Vous pouvez vous connecter.",
    used: "Ce lien d’activation a déjà servi ou a été remplacé par un lien plus récent. Vous pouvez demander un nouveau courriel d’activation.",
    expired: "Ce lien d’activation a expiré\u00a0: il était valable 72 heures. Vous pouvez demander un nouveau courriel d’activation.",
    invalid: "Ce lien d’activation n’est pas valide. Vérifiez qu’il a été copié en entier, ou demandez un nouveau courriel d’activation.",
    codeWrong: "Ce code d’activation n’est pas valide ou a expiré. Vérifiez le nom d’utilisateur (ou le courriel) et le code reçu.",
    codeFormat: "Le code d’activation se compose de 6 chiffres.",
    identifierRequired: "Veuillez saisir votre nom d’utilisateur ou votre courriel.",
    resent:
      "Si un espace en attente d’activation correspond à ces informations, un nouveau courriel d’activation vient d’être envoyé. Les liens et codes précédents ne sont plus valables.",
  },
  login: {
    wrong: "Nom d’utilisateur ou mot de passe incorrect.",
    usernameRequired: "Veuillez saisir votre nom d’utilisateur.",
    passwordRequired: "Veuillez saisir votre mot de passe.",
    pending: "Votre espace citoyen n’est pas encore activé. Ouvrez le lien du courriel de confirmation, ou saisissez le code d’activation qu’il contient.",
    loggedOut: "Vous êtes déconnecté.",
    sessionRequired: "Votre session a expiré ou vous n’êtes pas connecté. Veuillez vous connecter.",
  },
  reset: {
    requested:
      "Si un espace citoyen correspond à ces informations, un courriel contenant un lien pour choisir un nouveau mot de passe vient d’être envoyé. Ce lien est valable 1 heure.",
    invalid: "Ce lien de réinitialisation n’est pas valide. Vérifiez qu’il a été copié en entier, ou faites une nouvelle demande.",
    used: "Ce lien de réinitialisation a déjà servi. Si besoin, faites une nouvelle demande.",
    expired: "Ce lien de réinitialisation a expiré\u00a0: il était valable 1 heure. Vous pouvez faire une nouvelle demande.",
    done: "Votre mot de passe a été modifié. Vous pouvez maintenant vous connecter.",
  },
  services: {
    unknownService: "Ce service n’existe pas.",
    keyRequired: "Veuillez saisir la clé d’accès donnée par le service.",
    keyWrong: "Cette clé n’est pas reconnue par le service. Vérifiez-la ou contactez le service.",
    keyTaken: "Cette clé est déjà associée à un autre espace citoyen. Contactez le service.",
    keyAlready: "Une clé est déjà enregistrée pour ce service.",
    added: "La clé a été ajoutée à votre espace.",
  },
  /** Minutes, rounded up: "1 minute", "12 minutes"; past two hours, hours (a day-long wait is not "1440 minutes"). */
  tooMany: (seconds: number) => {
    const minutes = Math.max(1, Math.ceil(seconds / 60));
    const wait = minutes > 120 ? `${Math.ceil(minutes / 60)}\u00a0heures` : `${minutes} minute${minutes > 1 ? "s" : ""}`;
    return `Trop de tentatives. Par sécurité, veuillez réessayer dans ${wait}.`;
  },
} as const;

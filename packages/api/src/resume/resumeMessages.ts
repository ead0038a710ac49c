/** The French sentences of resuming a sign-up elsewhere, as the server says them. */
export const resumeMessages = {
  codeMalformed: "Ce code n’a pas le bon format\u00a0: il compte 8 caractères, par exemple K7QM-4P2X.",
  codeUnknown: "Ce code n’est pas reconnu. Vérifiez-le, ou demandez un nouveau code sur l’appareil où vous aviez commencé.",
  codeExpired: "Ce code a expiré\u00a0: un code est valable 30 minutes. Demandez-en un nouveau sur l’appareil où vous aviez commencé.",
  codeUsed: "Ce code a déjà servi. Demandez-en un nouveau sur l’appareil où vous aviez commencé.",
  linkUnknown: "Ce lien de reprise n’est pas valide. Vérifiez que vous l’avez copié en entier.",
  linkExpired: "Ce lien de reprise a expiré\u00a0: un lien est valable 30 minutes. Demandez-en un nouveau sur l’appareil où vous aviez commencé.",
  linkUsed: "Ce lien de reprise a déjà servi. Demandez-en un nouveau sur l’appareil où vous aviez commencé.",
  tooManyCodes: (minutes: number) => `Trop de codes erronés. Pour votre sécurité, réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}.`,
  tooManyMails: (minutes: number) =>
    `Le lien vous a déjà été envoyé plusieurs fois. Consultez votre messagerie, ou réessayez dans ${minutes} minute${minutes > 1 ? "s" : ""}.`,
  tooManyOffers: (minutes: number) =>
    `Trop de codes de reprise ont été demandés pour cette inscription. Utilisez le dernier affiché, ou réessayez dans ${minutes}\u00a0minute${minutes > 1 ? "s" : ""}.`,
  noEmail: "Indiquez d’abord votre courriel à l’étape MOYENS DE CONTACT pour recevoir le lien.",
  recoverySent:
    "Si une inscription en cours a été commencée avec cette adresse, un courriel vient d’y être envoyé avec un lien pour la reprendre. Pensez à regarder dans vos courriels indésirables.",
  recoveryUsed: "Ce lien a déjà servi. Pour en recevoir un nouveau, utilisez «\u00a0Retrouver mon inscription\u00a0».",
  recoveryExpired: "Ce lien a expiré\u00a0: un lien est valable 30 minutes. Pour en recevoir un nouveau, utilisez «\u00a0Retrouver mon inscription\u00a0».",
  finished: "Cette inscription est terminée\u00a0: il n’y a plus rien à reprendre.",
} as const;

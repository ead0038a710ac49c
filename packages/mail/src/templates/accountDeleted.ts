import type { Civility } from "./Civility.js";
import type { MailTemplate } from "./MailTemplate.js";

export interface AccountDeletedData {
  civility: Civility;
  lastName: string;
  /** The portal's home page: a new espace can be created there. */
  homeUrl: string;
}

/** Sent by "Supprimer mon espace" to the former address, in the transaction that erased the espace. */
export const accountDeleted: MailTemplate<AccountDeletedData> = {
  subject: "Votre espace citoyen a été supprimé",
  preview: "Votre espace citoyen et les données qu’il contenait ont été supprimés.",
  fields: { civility: "civility", lastName: "text", homeUrl: "url" },
  mjmlBody: `
        <mj-text>
          <h1 style="margin:0 0 16px;font-size:22px">Votre espace citoyen a été supprimé</h1>
          <p style="margin:0 0 12px">Bonjour {{civility}} {{lastName}},</p>
          <p style="margin:0 0 12px">Votre espace citoyen a été supprimé à votre demande&nbsp;: votre compte, votre identité, votre adresse, vos moyens de contact, votre photo et vos démarches en cours ont été effacés, et vos clés de service libérées.</p>
          <p style="margin:0 0 12px">Vous ne pouvez plus vous connecter avec votre nom d’utilisateur. Vous pouvez créer un nouvel espace à tout moment.</p>
          <p style="margin:0">Si vous n’êtes pas à l’origine de cette suppression, contactez votre collectivité sans attendre.</p>
        </mj-text>
        <mj-button href="{{homeUrl}}">Aller au guichet</mj-button>`,
  textBody: `
Bonjour {{civility}} {{lastName}},

Votre espace citoyen a été supprimé à votre demande\u00a0: votre compte, votre identité, votre adresse, vos moyens de contact, votre photo et vos démarches en cours ont été effacés, et vos clés de service libérées.

Vous ne pouvez plus vous connecter avec votre nom d’utilisateur. Vous pouvez créer un nouvel espace à tout moment\u00a0: {{homeUrl}}

Si vous n’êtes pas à l’origine de cette suppression, contactez votre collectivité sans attendre.
`,
};

import type { Civility } from "./Civility.js";
import type { MailTemplate } from "./MailTemplate.js";
import { brandSentinel as brand } from "./brandSentinel.js";

/** About the owner of the existing account; nothing typed by whoever tried again goes in. */
export interface AlreadyRegisteredData {
  civility: Civility;
  lastName: string;
  loginUrl: string;
  passwordResetUrl: string;
}

/**
 * Sent to the owner of an address with which someone tried to create a second account: the
 * screen said the same as for a new account, so only the owner learns the address is taken.
 */
export const alreadyRegistered: MailTemplate<AlreadyRegisteredData> = {
  subject: "Votre espace citoyen existe déjà",
  preview: "Une nouvelle inscription a été tentée avec votre adresse électronique.",
  fields: { civility: "civility", lastName: "text", loginUrl: "url", passwordResetUrl: "url" },
  mjmlBody: `
        <mj-text>
          <h1 style="margin:0 0 16px;font-size:22px">Votre espace citoyen existe déjà</h1>
          <p style="margin:0 0 12px">Bonjour {{civility}} {{lastName}},</p>
          <p style="margin:0 0 12px">Une personne, peut-être vous-même, a tenté de créer un espace citoyen avec votre adresse électronique. Un espace existe déjà pour cette adresse&nbsp;: aucun nouvel espace n’a été créé.</p>
          <p style="margin:0">Pour accéder à votre espace, connectez-vous.</p>
        </mj-text>
        <mj-button href="{{loginUrl}}">Me connecter</mj-button>
        <mj-text>
          <p style="margin:0 0 4px">Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur&nbsp;:</p>
          <p style="margin:0 0 16px;word-break:break-all"><a href="{{loginUrl}}" style="color:${brand.link}">{{loginUrl}}</a></p>
          <p style="margin:0 0 4px">Vous avez oublié votre mot de passe&nbsp;? Choisissez-en un nouveau&nbsp;:</p>
          <p style="margin:0 0 16px;word-break:break-all"><a href="{{passwordResetUrl}}" style="color:${brand.link}">{{passwordResetUrl}}</a></p>
          <p style="margin:0">Si vous n’êtes pas à l’origine de cette demande, ignorez ce message&nbsp;: votre espace n’a pas été modifié.</p>
        </mj-text>`,
  textBody: `
Bonjour {{civility}} {{lastName}},

Une personne, peut-être vous-même, a tenté de créer un espace citoyen avec votre adresse électronique. Un espace existe déjà pour cette adresse\u00a0: aucun nouvel espace n’a été créé.

Pour accéder à votre espace, connectez-vous\u00a0:

{{loginUrl}}

Vous avez oublié votre mot de passe\u00a0? Choisissez-en un nouveau\u00a0:

{{passwordResetUrl}}

Si vous n’êtes pas à l’origine de cette demande, ignorez ce message\u00a0: votre espace n’a pas été modifié.
`,
};

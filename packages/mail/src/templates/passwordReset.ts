import type { Civility } from "./Civility.js";
import type { MailTemplate } from "./MailTemplate.js";
import { brandSentinel as brand } from "./brandSentinel.js";

export interface PasswordResetData {
  civility: Civility;
  lastName: string;
  resetUrl: string;
}

/** Sent after « J'ai oublié mon mot de passe ». */
export const passwordReset: MailTemplate<PasswordResetData> = {
  subject: "Réinitialisation de votre mot de passe",
  preview: "Choisissez un nouveau mot de passe\u00a0: lien valable 1 heure.",
  fields: { civility: "civility", lastName: "text", resetUrl: "url" },
  mjmlBody: `
        <mj-text>
          <h1 style="margin:0 0 16px;font-size:22px">Réinitialisation de votre mot de passe</h1>
          <p style="margin:0 0 12px">Bonjour {{civility}} {{lastName}},</p>
          <p style="margin:0">Vous avez demandé à réinitialiser le mot de passe de votre espace citoyen. Pour choisir un nouveau mot de passe, cliquez sur le bouton ci-dessous.</p>
        </mj-text>
        <mj-button href="{{resetUrl}}">Choisir un nouveau mot de passe</mj-button>
        <mj-text>
          <p style="margin:0 0 4px">Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur&nbsp;:</p>
          <p style="margin:0 0 16px;word-break:break-all"><a href="{{resetUrl}}" style="color:${brand.link}">{{resetUrl}}</a></p>
          <p style="margin:0 0 12px">Ce lien est valable 1&nbsp;heure et ne sert qu’une fois.</p>
          <p style="margin:0">Si vous n’êtes pas à l’origine de cette demande, ignorez ce message&nbsp;: votre mot de passe actuel reste valable.</p>
        </mj-text>`,
  textBody: `
Bonjour {{civility}} {{lastName}},

Vous avez demandé à réinitialiser le mot de passe de votre espace citoyen. Pour choisir un nouveau mot de passe, ouvrez ce lien\u00a0:

{{resetUrl}}

Ce lien est valable 1 heure et ne sert qu’une fois.

Si vous n’êtes pas à l’origine de cette demande, ignorez ce message\u00a0: votre mot de passe actuel reste valable.
`,
};

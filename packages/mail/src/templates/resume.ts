import type { MailTemplate } from "./MailTemplate.js";
import { brandSentinel as brand } from "./brandSentinel.js";

export interface ResumeData {
  resumeUrl: string;
}

/**
 * Sent when the citizen asks, from a step, to continue elsewhere. No name in it: the address has
 * not been confirmed yet, and a typo would hand the name to a stranger.
 */
export const resume: MailTemplate<ResumeData> = {
  subject: "Reprendre votre inscription",
  preview: "Reprenez votre inscription là où vous l’aviez laissée\u00a0: lien valable 30 minutes.",
  fields: { resumeUrl: "url" },
  mjmlBody: `
        <mj-text>
          <h1 style="margin:0 0 16px;font-size:22px">Reprendre votre inscription</h1>
          <p style="margin:0 0 12px">Bonjour,</p>
          <p style="margin:0">Vous avez demandé à poursuivre la création de votre espace citoyen sur un autre appareil. Pour reprendre votre inscription là où vous l’aviez laissée, cliquez sur le bouton ci-dessous.</p>
        </mj-text>
        <mj-button href="{{resumeUrl}}">Reprendre mon inscription</mj-button>
        <mj-text>
          <p style="margin:0 0 4px">Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur&nbsp;:</p>
          <p style="margin:0 0 16px;word-break:break-all"><a href="{{resumeUrl}}" style="color:${brand.link}">{{resumeUrl}}</a></p>
          <p style="margin:0 0 12px">Ce lien est valable 30&nbsp;minutes. Ne le transmettez à personne&nbsp;: il donne accès aux informations déjà saisies.</p>
          <p style="margin:0">Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.</p>
        </mj-text>`,
  textBody: `
Bonjour,

Vous avez demandé à poursuivre la création de votre espace citoyen sur un autre appareil. Pour reprendre votre inscription là où vous l’aviez laissée, ouvrez ce lien\u00a0:

{{resumeUrl}}

Ce lien est valable 30 minutes. Ne le transmettez à personne\u00a0: il donne accès aux informations déjà saisies.

Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.
`,
};

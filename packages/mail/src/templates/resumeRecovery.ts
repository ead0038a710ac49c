import type { MailTemplate } from "./MailTemplate.js";
import { brandSentinel as brand } from "./brandSentinel.js";

export interface ResumeRecoveryData {
  resumeUrl: string;
}

/**
 * "Retrouver mon inscription": one e-mail per unfinished sign-up of the address typed. No name in it,
 * as in the resume e-mail: the address has not been confirmed yet.
 */
export const resumeRecovery: MailTemplate<ResumeRecoveryData> = {
  subject: "Retrouver votre inscription",
  preview: "Une inscription commencée avec cette adresse vous attend\u00a0: lien valable 30 minutes.",
  fields: { resumeUrl: "url" },
  mjmlBody: `
        <mj-text>
          <h1 style="margin:0 0 16px;font-size:22px">Retrouver votre inscription</h1>
          <p style="margin:0 0 12px">Bonjour,</p>
          <p style="margin:0">Vous avez demandé à retrouver une inscription commencée avec cette adresse et pas encore terminée. Pour la reprendre là où vous l’aviez laissée, cliquez sur le bouton ci-dessous.</p>
        </mj-text>
        <mj-button href="{{resumeUrl}}">Reprendre mon inscription</mj-button>
        <mj-text>
          <p style="margin:0 0 4px">Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur&nbsp;:</p>
          <p style="margin:0 0 16px;word-break:break-all"><a href="{{resumeUrl}}" style="color:${brand.link}">{{resumeUrl}}</a></p>
          <p style="margin:0 0 12px">Ce lien est valable 30&nbsp;minutes et ne sert qu’une fois. Ne le transmettez à personne&nbsp;: il donne accès aux informations déjà saisies.</p>
          <p style="margin:0">Si vous n’êtes pas à l’origine de cette demande, ignorez ce message&nbsp;: votre inscription reste où elle en est.</p>
        </mj-text>`,
  textBody: `
Bonjour,

Vous avez demandé à retrouver une inscription commencée avec cette adresse et pas encore terminée. Pour la reprendre là où vous l’aviez laissée, ouvrez ce lien\u00a0:

{{resumeUrl}}

Ce lien est valable 30 minutes et ne sert qu’une fois. Ne le transmettez à personne\u00a0: il donne accès aux informations déjà saisies.

Si vous n’êtes pas à l’origine de cette demande, ignorez ce message\u00a0: votre inscription reste où elle en est.
`,
};

import type { Civility } from "./Civility.js";
import type { MailTemplate } from "./MailTemplate.js";
import { brandSentinel as brand } from "./brandSentinel.js";

export interface EmailChangeConfirmData {
  civility: Civility;
  lastName: string;
  confirmUrl: string;
}

/** Sent to the NEW address given in "Modifier mes coordonnées": it counts only once this link is opened. */
export const emailChangeConfirm: MailTemplate<EmailChangeConfirmData> = {
  subject: "Confirmez votre nouvelle adresse électronique",
  preview: "Confirmez votre nouvelle adresse électronique\u00a0: lien valable 72 heures.",
  fields: { civility: "civility", lastName: "text", confirmUrl: "url" },
  mjmlBody: `
        <mj-text>
          <h1 style="margin:0 0 16px;font-size:22px">Confirmez votre nouvelle adresse électronique</h1>
          <p style="margin:0 0 12px">Bonjour {{civility}} {{lastName}},</p>
          <p style="margin:0">Vous avez donné cette adresse électronique à votre espace citoyen. Elle ne sera utilisée qu’une fois confirmée&nbsp;: cliquez sur le bouton ci-dessous.</p>
        </mj-text>
        <mj-button href="{{confirmUrl}}">Confirmer mon adresse</mj-button>
        <mj-text>
          <p style="margin:0 0 4px">Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur&nbsp;:</p>
          <p style="margin:0 0 16px;word-break:break-all"><a href="{{confirmUrl}}" style="color:${brand.link}">{{confirmUrl}}</a></p>
          <p style="margin:0 0 12px">Ce lien est valable 72&nbsp;heures et ne sert qu’une fois.</p>
          <p style="margin:0">Si vous n’êtes pas à l’origine de cette demande, ignorez ce message&nbsp;: rien ne changera.</p>
        </mj-text>`,
  textBody: `
Bonjour {{civility}} {{lastName}},

Vous avez donné cette adresse électronique à votre espace citoyen. Elle ne sera utilisée qu’une fois confirmée\u00a0: ouvrez ce lien.

{{confirmUrl}}

Ce lien est valable 72 heures et ne sert qu’une fois.

Si vous n’êtes pas à l’origine de cette demande, ignorez ce message\u00a0: rien ne changera.
`,
};

export interface EmailChangeNoticeData {
  civility: Civility;
  lastName: string;
  accountUrl: string;
}

/** Sent to the OLD address at the same time: the citizen hears of a change they may not have made. */
export const emailChangeNotice: MailTemplate<EmailChangeNoticeData> = {
  subject: "Votre adresse électronique va changer",
  preview: "Une nouvelle adresse électronique a été donnée à votre espace citoyen.",
  fields: { civility: "civility", lastName: "text", accountUrl: "url" },
  mjmlBody: `
        <mj-text>
          <h1 style="margin:0 0 16px;font-size:22px">Votre adresse électronique va changer</h1>
          <p style="margin:0 0 12px">Bonjour {{civility}} {{lastName}},</p>
          <p style="margin:0 0 12px">Votre adresse électronique va changer&nbsp;: une nouvelle adresse a été donnée à votre espace citoyen. Elle remplacera celle-ci dès qu’elle aura été confirmée.</p>
          <p style="margin:0">Si vous n’êtes pas à l’origine de ce changement, connectez-vous à Mon espace et contactez votre collectivité sans attendre.</p>
        </mj-text>
        <mj-button href="{{accountUrl}}">Ouvrir Mon espace</mj-button>`,
  textBody: `
Bonjour {{civility}} {{lastName}},

Votre adresse électronique va changer\u00a0: une nouvelle adresse a été donnée à votre espace citoyen. Elle remplacera celle-ci dès qu’elle aura été confirmée.

Si vous n’êtes pas à l’origine de ce changement, connectez-vous à Mon espace et contactez votre collectivité sans attendre\u00a0: {{accountUrl}}
`,
};

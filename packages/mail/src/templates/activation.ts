import type { Civility } from "./Civility.js";
import type { MailTemplate } from "./MailTemplate.js";
import { brandSentinel as brand } from "./brandSentinel.js";

export interface ActivationData {
  civility: Civility;
  lastName: string;
  /** The username chosen at sign-up, repeated so the citizen knows what to log in with. */
  username: string;
  activationUrl: string;
  /** Six digits, typed on the portal or the kiosk instead of opening the link. */
  activationCode: string;
}

/** Sent when the registration flow reaches its final state: the activation link and its 6-digit code, both valid 72 hours. */
export const activation: MailTemplate<ActivationData> = {
  subject: "Confirmation de création de votre espace citoyen",
  preview: "Activez votre espace citoyen\u00a0: le lien et le code sont valables 72 heures.",
  fields: { civility: "civility", lastName: "text", username: "text", activationUrl: "url", activationCode: "code" },
  mjmlBody: `
        <mj-text>
          <h1 style="margin:0 0 16px;font-size:22px">Activez votre espace citoyen</h1>
          <p style="margin:0 0 12px">Bonjour {{civility}} {{lastName}},</p>
          <p style="margin:0 0 12px">Votre espace citoyen a bien été créé. Pour l’activer, cliquez sur le bouton ci-dessous.</p>
          <p style="margin:0">Votre nom d’utilisateur&nbsp;: <strong>{{username}}</strong></p>
        </mj-text>
        <mj-button href="{{activationUrl}}">Activer mon espace</mj-button>
        <mj-text>
          <p style="margin:0 0 4px">Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur&nbsp;:</p>
          <p style="margin:0 0 16px;word-break:break-all"><a href="{{activationUrl}}" style="color:${brand.link}">{{activationUrl}}</a></p>
          <p style="margin:0 0 4px">Vous pouvez aussi saisir ce code d’activation sur le portail ou sur une borne d’accueil&nbsp;:</p>
          <p style="margin:0 0 16px;font-family:'Courier New',Courier,monospace;font-size:28px;font-weight:bold;letter-spacing:6px">{{activationCode}}</p>
          <p style="margin:0 0 12px">Ce lien et ce code sont valables 72&nbsp;heures.</p>
          <p style="margin:0">Si vous n’êtes pas à l’origine de cette inscription, ignorez ce message&nbsp;: l’espace ne sera pas activé.</p>
        </mj-text>`,
  textBody: `
Bonjour {{civility}} {{lastName}},

Votre espace citoyen a bien été créé. Votre nom d’utilisateur\u00a0: {{username}}

Pour l’activer, ouvrez ce lien\u00a0:

{{activationUrl}}

Vous pouvez aussi saisir ce code d’activation sur le portail ou sur une borne d’accueil\u00a0:

    {{activationCode}}

Ce lien et ce code sont valables 72 heures.

Si vous n’êtes pas à l’origine de cette inscription, ignorez ce message\u00a0: l’espace ne sera pas activé.
`,
};

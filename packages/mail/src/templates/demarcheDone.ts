import type { Civility } from "./Civility.js";
import type { MailTemplate } from "./MailTemplate.js";

export interface DemarcheDoneData {
  civility: Civility;
  lastName: string;
  /** The démarche's name, as the menu of "Mon espace" says it. */
  demarche: string;
  /** What was recorded, one "Libellé : valeur" a line (joined by "\n"). */
  summary: string;
  accountUrl: string;
}

/** Sent by the last step of any démarche of "Mon espace", to the account's confirmed address. */
export const demarcheDone: MailTemplate<DemarcheDoneData> = {
  subject: "Votre démarche a été enregistrée",
  preview: "Votre démarche effectuée depuis Mon espace a été enregistrée.",
  fields: { civility: "civility", lastName: "text", demarche: "text", summary: "lines", accountUrl: "url" },
  mjmlBody: `
        <mj-text>
          <h1 style="margin:0 0 16px;font-size:22px">Votre démarche «&nbsp;{{demarche}}&nbsp;» a été enregistrée</h1>
          <p style="margin:0 0 12px">Bonjour {{civility}} {{lastName}},</p>
          <p style="margin:0 0 12px">Votre démarche «&nbsp;{{demarche}}&nbsp;», effectuée depuis Mon espace, a été enregistrée. Voici ce qui a été enregistré&nbsp;:</p>
          <p style="margin:0 0 12px">{{#each summary}}{{#unless @first}}<br>{{/unless}}{{this}}{{/each}}</p>
        </mj-text>
        <mj-button href="{{accountUrl}}">Ouvrir Mon espace</mj-button>
        <mj-text>
          <p style="margin:0">Si vous n’êtes pas à l’origine de cette démarche, contactez votre collectivité sans attendre.</p>
        </mj-text>`,
  textBody: `
Bonjour {{civility}} {{lastName}},

Votre démarche «\u00a0{{demarche}}\u00a0», effectuée depuis Mon espace, a été enregistrée. Voici ce qui a été enregistré\u00a0:

{{#each summary}}
{{this}}
{{/each}}

Mon espace\u00a0: {{accountUrl}}

Si vous n’êtes pas à l’origine de cette démarche, contactez votre collectivité sans attendre.
`,
};

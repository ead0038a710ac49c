/**
 * How a data field is checked before rendering: `text` is anything a citizen typed (escaped),
 * `url` an absolute http(s) link, `code` the 6-digit activation code, `civility` Madame/Monsieur,
 * `lines` text of several lines (joined by "\n"), shown one a line: the template walks them with
 * `{{#each field}}`.
 */
export type FieldKind = "text" | "url" | "code" | "civility" | "lines";

/** One e-mail: its fixed subject, its MJML body and its plain-text body, both with Handlebars placeholders. */
export interface MailTemplate<Data> {
  subject: string;
  /** The line mail clients show after the subject. */
  preview: string;
  /** Every field of `Data`, so a row of the outbox with missing or odd data fails before sending. */
  fields: { readonly [K in keyof Data]-?: FieldKind };
  /** MJML elements placed inside the layout's main column. */
  mjmlBody: string;
  /** Plain-text body placed between the layout's header and footer. */
  textBody: string;
}

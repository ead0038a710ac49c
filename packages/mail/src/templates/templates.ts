import { activation, type ActivationData } from "./activation.js";
import { alreadyRegistered, type AlreadyRegisteredData } from "./alreadyRegistered.js";
import { passwordReset, type PasswordResetData } from "./passwordReset.js";
import { resume, type ResumeData } from "./resume.js";
import { resumeRecovery, type ResumeRecoveryData } from "./resumeRecovery.js";
import { demarcheDone, type DemarcheDoneData } from "./demarcheDone.js";
import { emailChangeConfirm, emailChangeNotice, type EmailChangeConfirmData, type EmailChangeNoticeData } from "./emailChange.js";
import { accountDeleted, type AccountDeletedData } from "./accountDeleted.js";
import type { MailTemplate } from "./MailTemplate.js";

/** The data each e-mail needs, by template name. */
export interface TemplateData {
  activation: ActivationData;
  resume: ResumeData;
  resumeRecovery: ResumeRecoveryData;
  passwordReset: PasswordResetData;
  alreadyRegistered: AlreadyRegisteredData;
  demarcheDone: DemarcheDoneData;
  emailChangeConfirm: EmailChangeConfirmData;
  emailChangeNotice: EmailChangeNoticeData;
  accountDeleted: AccountDeletedData;
}

export type TemplateName = keyof TemplateData;

/** Every e-mail Guichet sends, by template name: the sign-up's, resuming's, the password's and Mon espace's démarches'. */
export const templates: { readonly [N in TemplateName]: MailTemplate<TemplateData[N]> } = {
  activation,
  resume,
  resumeRecovery,
  passwordReset,
  alreadyRegistered,
  demarcheDone,
  emailChangeConfirm,
  emailChangeNotice,
  accountDeleted,
};

/** Each e-mail's subject, by template name ("Mes données" lists the e-mails by subject, never their content). */
export const mailSubjects: { readonly [N in TemplateName]: string } = Object.fromEntries(Object.entries(templates).map(([name, t]) => [name, t.subject])) as {
  readonly [N in TemplateName]: string;
};

export type { Tenant } from "./Tenant.js";

export type { Civility } from "./templates/Civility.js";
export type { ActivationData } from "./templates/activation.js";
export type { ResumeData } from "./templates/resume.js";
export type { ResumeRecoveryData } from "./templates/resumeRecovery.js";
export type { PasswordResetData } from "./templates/passwordReset.js";
export type { AlreadyRegisteredData } from "./templates/alreadyRegistered.js";
export type { DemarcheDoneData } from "./templates/demarcheDone.js";
export type { EmailChangeConfirmData, EmailChangeNoticeData } from "./templates/emailChange.js";
export type { AccountDeletedData } from "./templates/accountDeleted.js";
export type { TemplateData, TemplateName } from "./templates/templates.js";
export { mailSubjects } from "./templates/templates.js";
export { compileTemplateSources, createMailRenderer, type MailRenderer, type PrecompiledTemplates, type TemplateSources } from "./render/createMailRenderer.js";
export type { RenderedMail } from "./render/renderCompiled.js";

export type { MailMessage, MailTransport } from "./transport/MailTransport.js";
export { smtpTransport } from "./transport/smtpTransport.js";
export { mailboxTransport } from "./transport/mailboxTransport.js";
export { listMailbox } from "./transport/listMailbox.js";
export { readMailbox } from "./transport/readMailbox.js";
export type { MailboxMessage, MailboxSummary } from "./transport/MailboxEntry.js";
export { transportFromEnv } from "./transport/transportFromEnv.js";
export type { DkimKey } from "./transport/dkim.js";

export type { OutboxMessage, OutboxStore } from "./outbox/OutboxStore.js";
export { createOutboxWorker, type DrainResult, type OutboxLog, type OutboxWorker, type OutboxWorkerOptions } from "./outbox/createOutboxWorker.js";
export { exponentialBackoff } from "./outbox/exponentialBackoff.js";

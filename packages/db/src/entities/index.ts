export * from "./Flow";
export * from "./Account";
export * from "./OutboxMessage";
export * from "./Secret";
export * from "./CaptchaChallenge";
export * from "./ServiceCitizen";
import { AccountSchema } from "./Account";
import { CaptchaChallengeSchema } from "./CaptchaChallenge";
import { FlowSchema } from "./Flow";
import { OutboxMessageSchema } from "./OutboxMessage";
import { SecretSchema } from "./Secret";
import { ServiceCitizenSchema } from "./ServiceCitizen";

export const entities = [FlowSchema, AccountSchema, OutboxMessageSchema, SecretSchema, CaptchaChallengeSchema, ServiceCitizenSchema];

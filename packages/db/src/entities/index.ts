export * from "./Flow";
export * from "./Account";
export * from "./OutboxMessage";
export * from "./Secret";
export * from "./CaptchaChallenge";
export * from "./ServiceCitizen";
export * from "./Photo";
import { AccountSchema } from "./Account";
import { CaptchaChallengeSchema } from "./CaptchaChallenge";
import { FlowSchema } from "./Flow";
import { OutboxMessageSchema } from "./OutboxMessage";
import { SecretSchema } from "./Secret";
import { ServiceCitizenSchema } from "./ServiceCitizen";
import { PhotoSchema } from "./Photo";

export const entities = [FlowSchema, AccountSchema, OutboxMessageSchema, SecretSchema, CaptchaChallengeSchema, ServiceCitizenSchema, PhotoSchema];

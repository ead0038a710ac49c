export * from "./createAccountService";
export * from "./DatabaseRateLimiter";
export * from "./throttle";
export * from "./sessions";
export * from "./messages";
export type { ActivationOutcome, ActivationStatus } from "./activation";
export type { LoginResult } from "./login";
export type { ResetLinkView, ResetResult } from "./passwordReset";
export type { AccountView, AddKeyResult, ProfileGroup } from "./profile";

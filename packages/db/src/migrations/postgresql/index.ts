// Every migration of this engine, by class name; the order of application is migrationNames' in ../index.ts.
export { Migration20261126Initial } from "./Migration20261126Initial";
export { Migration20261126Photo } from "./Migration20261126Photo";
export { Migration20261126ServiceRegistry } from "./Migration20261126ServiceRegistry";
export { Migration20261127Account } from "./Migration20261127Account";
export { Migration20261127CaptchaView } from "./Migration20261127CaptchaView";
export { Migration20261127Resume } from "./Migration20261127Resume";
export { Migration20261129FlowKind } from "./Migration20261129FlowKind";
export { Migration20261129FranceConnectLogin } from "./Migration20261129FranceConnectLogin";
export { Migration20261129OutboxDeadLetter } from "./Migration20261129OutboxDeadLetter";
export { Migration20261130FranceConnectAccount } from "./Migration20261130FranceConnectAccount";
export { Migration20261130FlowAccount } from "./Migration20261130FlowAccount";
export { Migration20261130FlowAccountUnique } from "./Migration20261130FlowAccountUnique";
export { Migration20261207EmailSkeleton } from "./Migration20261207EmailSkeleton";
export { Migration20261208OutboxAccount } from "./Migration20261208OutboxAccount";

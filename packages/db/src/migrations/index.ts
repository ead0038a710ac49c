import { Migration20261126Initial as PgInitial } from "./postgresql/Migration20261126Initial";
import { Migration20261126ServiceRegistry as PgServiceRegistry } from "./postgresql/Migration20261126ServiceRegistry";
import { Migration20261126Photo as PgPhoto } from "./postgresql/Migration20261126Photo";
import { Migration20261127Account as PgAccount } from "./postgresql/Migration20261127Account";
import { Migration20261127Resume as PgResume } from "./postgresql/Migration20261127Resume";
import { Migration20261127CaptchaView as PgCaptchaView } from "./postgresql/Migration20261127CaptchaView";
import { Migration20261129OutboxDeadLetter as PgOutboxDeadLetter } from "./postgresql/Migration20261129OutboxDeadLetter";
import { Migration20261129FlowKind as PgFlowKind } from "./postgresql/Migration20261129FlowKind";
import { Migration20261129FranceConnectLogin as PgFranceConnectLogin } from "./postgresql/Migration20261129FranceConnectLogin";
import { Migration20261130FlowAccount as PgFlowAccount } from "./postgresql/Migration20261130FlowAccount";
import { Migration20261126Initial as SqliteInitial } from "./sqlite/Migration20261126Initial";
import { Migration20261126ServiceRegistry as SqliteServiceRegistry } from "./sqlite/Migration20261126ServiceRegistry";
import { Migration20261126Photo as SqlitePhoto } from "./sqlite/Migration20261126Photo";
import { Migration20261127Account as SqliteAccount } from "./sqlite/Migration20261127Account";
import { Migration20261127Resume as SqliteResume } from "./sqlite/Migration20261127Resume";
import { Migration20261127CaptchaView as SqliteCaptchaView } from "./sqlite/Migration20261127CaptchaView";
import { Migration20261129OutboxDeadLetter as SqliteOutboxDeadLetter } from "./sqlite/Migration20261129OutboxDeadLetter";
import { Migration20261129FlowKind as SqliteFlowKind } from "./sqlite/Migration20261129FlowKind";
import { Migration20261129FranceConnectLogin as SqliteFranceConnectLogin } from "./sqlite/Migration20261129FranceConnectLogin";

import { Migration20261130FlowAccount as SqliteFlowAccount } from "./sqlite/Migration20261130FlowAccount";

/** In order of application; a new migration is appended to both lists. */
export const sqliteMigrations = [
  { name: "Migration20261126Initial", class: SqliteInitial },
  { name: "Migration20261126ServiceRegistry", class: SqliteServiceRegistry },
  { name: "Migration20261126Photo", class: SqlitePhoto },
  { name: "Migration20261127Account", class: SqliteAccount },
  { name: "Migration20261127Resume", class: SqliteResume },
  { name: "Migration20261127CaptchaView", class: SqliteCaptchaView },
  { name: "Migration20261129OutboxDeadLetter", class: SqliteOutboxDeadLetter },
  { name: "Migration20261129FlowKind", class: SqliteFlowKind },
  { name: "Migration20261129FranceConnectLogin", class: SqliteFranceConnectLogin },
  { name: "Migration20261130FlowAccount", class: SqliteFlowAccount },
];
export const postgresMigrations = [
  { name: "Migration20261126Initial", class: PgInitial },
  { name: "Migration20261126ServiceRegistry", class: PgServiceRegistry },
  { name: "Migration20261126Photo", class: PgPhoto },
  { name: "Migration20261127Account", class: PgAccount },
  { name: "Migration20261127Resume", class: PgResume },
  { name: "Migration20261127CaptchaView", class: PgCaptchaView },
  { name: "Migration20261129OutboxDeadLetter", class: PgOutboxDeadLetter },
  { name: "Migration20261129FlowKind", class: PgFlowKind },
  { name: "Migration20261129FranceConnectLogin", class: PgFranceConnectLogin },
  { name: "Migration20261130FlowAccount", class: PgFlowAccount },
];

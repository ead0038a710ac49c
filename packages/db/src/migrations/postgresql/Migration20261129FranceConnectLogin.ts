import { Migration } from "@mikro-orm/migrations";

/**
 * FranceConnect logins under way: one row per authorization request, keyed by the SHA-256 of its
 * `state`, bound to the flow that started it, with the nonce and PKCE verifier the callback needs.
 * Taken (deleted) by the callback, so used once; `expires_at` in epoch milliseconds.
 */
export class Migration20261129FranceConnectLogin extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "franceconnect_login" ("state_hash" varchar(64) not null, "flow_id" varchar(36) not null, "nonce" varchar(128) not null, "code_verifier" varchar(128) not null, "expires_at" bigint not null, constraint "franceconnect_login_pkey" primary key ("state_hash"))',
    );
    this.addSql('create index "franceconnect_login_expires_at_index" on "franceconnect_login" ("expires_at")');
  }
}

import { Migration } from "@mikro-orm/migrations";

/**
 * FranceConnect logins under way: one row per authorization request, keyed by the SHA-256 of its
 * `state`, bound to the flow that started it, with the nonce and PKCE verifier the callback needs.
 * Taken (deleted) by the callback, so used once; `expires_at` in epoch milliseconds.
 */
export class Migration20261129FranceConnectLogin extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      "create table `franceconnect_login` (`state_hash` text not null, `flow_id` text not null, `nonce` text not null, `code_verifier` text not null, `expires_at` integer not null, primary key (`state_hash`))",
    );
    this.addSql("create index `franceconnect_login_expires_at_index` on `franceconnect_login` (`expires_at`)");
  }
}

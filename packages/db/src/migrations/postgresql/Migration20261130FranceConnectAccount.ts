import { Migration } from "@mikro-orm/migrations";

/**
 * An espace keeps its citizen's FranceConnect identifier (`sub`, one espace per identifier) so the citizen can
 * log in with FranceConnect; a session opened that way keeps FranceConnect's ID token for its logout.
 */
export class Migration20261130FranceConnectAccount extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "account" add column "franceconnect_sub" varchar(255) null');
    this.addSql('alter table "account" add constraint "account_franceconnect_sub_unique" unique ("franceconnect_sub")');
    this.addSql('alter table "session" add column "franceconnect_id_token" text null');
  }
}

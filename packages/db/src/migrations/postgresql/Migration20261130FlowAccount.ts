import { Migration } from "@mikro-orm/migrations";

/** A démarche of "Mon espace" belongs to an account: its flows are listed by it ("Mes démarches en cours"). */
export class Migration20261130FlowAccount extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "flow" add column "account_id" varchar(36) null');
    this.addSql('create index "flow_account_id_index" on "flow" ("account_id")');
  }
}

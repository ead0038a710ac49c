import { Migration } from "@mikro-orm/migrations";

/**
 * One unfinished démarche per kind and account, held by the database: two devices pressing "Modifier mes
 * coordonnées" at the same moment made two flows of it, each listed in "Mes démarches en cours".
 */
export class Migration20261130FlowAccountUnique extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create unique index "flow_account_kind_active_unique" on "flow" ("account_id", "kind") where "status" = \'active\' and "account_id" is not null',
    );
  }
}

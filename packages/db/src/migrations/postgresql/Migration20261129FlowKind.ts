import { Migration } from "@mikro-orm/migrations";

/** A flow runs one definition, named by its kind; every flow saved before there was more than one is a sign-up. */
export class Migration20261129FlowKind extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "flow" add column "kind" varchar(40) not null default \'registration\'');
  }
}

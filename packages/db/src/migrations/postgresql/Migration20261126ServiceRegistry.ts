import { Migration } from "@mikro-orm/migrations";

/** The citizens each service knows, with their keys (SERVICES step). */
export class Migration20261126ServiceRegistry extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "service_citizen" ("id" varchar(36) not null, "service_id" varchar(40) not null, "key" varchar(40) not null, "nom_key" varchar(100) not null, "prenoms_key" varchar(100) not null, "date_naissance" varchar(10) not null, "email" varchar(254) null, "claimed_by" varchar(36) null, constraint "service_citizen_pkey" primary key ("id"))',
    );
    this.addSql('create index "service_citizen_service_id_nom_key_date_naissance_index" on "service_citizen" ("service_id", "nom_key", "date_naissance")');
    this.addSql('alter table "service_citizen" add constraint "service_citizen_service_id_key_unique" unique ("service_id", "key")');
  }
}

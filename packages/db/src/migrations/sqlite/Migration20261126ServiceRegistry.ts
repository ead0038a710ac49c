import { Migration } from "@mikro-orm/migrations";

/** The citizens each service knows, with their keys (SERVICES step). */
export class Migration20261126ServiceRegistry extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      "create table `service_citizen` (`id` text not null, `service_id` text not null, `key` text not null, `nom_key` text not null, `prenoms_key` text not null, `date_naissance` text not null, `email` text null, `claimed_by` text null, primary key (`id`))",
    );
    this.addSql("create index `service_citizen_service_id_nom_key_date_naissance_index` on `service_citizen` (`service_id`, `nom_key`, `date_naissance`)");
    this.addSql("create unique index `service_citizen_service_id_key_unique` on `service_citizen` (`service_id`, `key`)");
  }
}

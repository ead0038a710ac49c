import { Migration } from "@mikro-orm/migrations";

/** Identity photos, kept apart from flow snapshots. */
export class Migration20261126Photo extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      "create table `photo` (`id` text not null, `flow_id` text not null, `mime` text not null, `data` blob not null, `created_at` datetime not null, primary key (`id`))",
    );
    this.addSql("create index `photo_flow_id_index` on `photo` (`flow_id`)");
  }
}

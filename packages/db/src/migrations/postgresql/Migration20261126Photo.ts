import { Migration } from "@mikro-orm/migrations";

/** Identity photos, kept apart from flow snapshots. */
export class Migration20261126Photo extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "photo" ("id" varchar(64) not null, "flow_id" varchar(36) not null, "mime" varchar(20) not null, "data" bytea not null, "created_at" timestamptz not null, constraint "photo_pkey" primary key ("id"))',
    );
    this.addSql('create index "photo_flow_id_index" on "photo" ("flow_id")');
  }
}

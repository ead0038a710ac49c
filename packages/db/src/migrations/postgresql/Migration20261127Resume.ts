import { Migration } from "@mikro-orm/migrations";

/**
 * Resume offers: the flow's token sealed under each resume secret (whose hash is in `secret`);
 * `expires_at` in epoch milliseconds. Wrong codes are counted in `rate_limit`.
 */
export class Migration20261127Resume extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "resume_seal" ("secret_id" varchar(36) not null, "offer_id" varchar(36) not null, "flow_id" varchar(36) not null, "sealed" text not null, "expires_at" bigint not null, constraint "resume_seal_pkey" primary key ("secret_id"))',
    );
    this.addSql('create index "resume_seal_offer_id_index" on "resume_seal" ("offer_id")');
    this.addSql('create index "resume_seal_expires_at_index" on "resume_seal" ("expires_at")');
  }
}

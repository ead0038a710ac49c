import { Migration } from "@mikro-orm/migrations";

/** Citizens' login sessions and the throttling counters shared by every server process. */
export class Migration20261127Account extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      "create table `session` (`id` text not null, `account_id` text not null, `created_at` datetime not null, `last_seen_at` datetime not null, `expires_at` datetime not null, primary key (`id`))",
    );
    this.addSql("create index `session_account_id_index` on `session` (`account_id`)");
    this.addSql("create index `session_expires_at_index` on `session` (`expires_at`)");
    this.addSql("create table `rate_limit` (`key` text not null, `points` integer not null, `expire` integer null, primary key (`key`))");
    this.addSql("create index `rate_limit_expire_index` on `rate_limit` (`expire`)");
  }
}

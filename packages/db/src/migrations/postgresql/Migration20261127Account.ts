import { Migration } from "@mikro-orm/migrations";

/** Citizens' login sessions and the throttling counters shared by every server process. */
export class Migration20261127Account extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "session" ("id" varchar(64) not null, "account_id" varchar(36) not null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, constraint "session_pkey" primary key ("id"))',
    );
    this.addSql('create index "session_account_id_index" on "session" ("account_id")');
    this.addSql('create index "session_expires_at_index" on "session" ("expires_at")');
    this.addSql(
      'create table "rate_limit" ("key" varchar(255) not null, "points" int not null, "expire" bigint null, constraint "rate_limit_pkey" primary key ("key"))',
    );
    this.addSql('create index "rate_limit_expire_index" on "rate_limit" ("expire")');
  }
}

import { Migration } from "@mikro-orm/migrations";

/** Flows, accounts, the outbox, hashed secrets and captcha challenges. */
export class Migration20261126Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      'create table "account" ("id" varchar(36) not null, "username" varchar(50) not null, "username_key" varchar(50) not null, "password_hash" varchar(200) not null, "email" varchar(254) not null, "email_key" varchar(254) not null, "civilite" varchar(16) not null, "nom_usuel" varchar(100) not null, "prenoms" varchar(100) not null, "profile" text not null, "status" varchar(16) not null, "flow_id" varchar(36) not null, "created_at" timestamptz not null, "activated_at" timestamptz null, constraint "account_pkey" primary key ("id"))',
    );
    this.addSql('alter table "account" add constraint "account_username_key_unique" unique ("username_key")');
    this.addSql('create index "account_email_key_index" on "account" ("email_key")');
    this.addSql('alter table "account" add constraint "account_flow_id_unique" unique ("flow_id")');
    this.addSql(
      'create table "captcha" ("id" varchar(64) not null, "flow_id" varchar(36) not null, "record" text not null, "expires_at" timestamptz not null, constraint "captcha_pkey" primary key ("id"))',
    );
    this.addSql('create index "captcha_flow_id_index" on "captcha" ("flow_id")');
    this.addSql('create index "captcha_expires_at_index" on "captcha" ("expires_at")');
    this.addSql(
      'create table "flow" ("id" varchar(36) not null, "token_hash" varchar(64) not null, "snapshot" text not null, "version" int not null, "machine_version" int not null, "step" varchar(40) not null, "status" varchar(16) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "expires_at" timestamptz not null, constraint "flow_pkey" primary key ("id"))',
    );
    this.addSql('alter table "flow" add constraint "flow_token_hash_unique" unique ("token_hash")');
    this.addSql('create index "flow_expires_at_index" on "flow" ("expires_at")');
    this.addSql(
      'create table "outbox" ("id" varchar(36) not null, "template" varchar(40) not null, "recipient" varchar(254) not null, "data" text not null, "attempts" int not null, "next_attempt_at" timestamptz not null, "claimed_until" timestamptz null, "sent_at" timestamptz null, "last_error" text null, "created_at" timestamptz not null, constraint "outbox_pkey" primary key ("id"))',
    );
    this.addSql('create index "outbox_next_attempt_at_index" on "outbox" ("next_attempt_at")');
    this.addSql(
      'create table "secret" ("id" varchar(36) not null, "kind" varchar(20) not null, "hash" varchar(64) not null, "subject_id" varchar(36) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_at" timestamptz not null, constraint "secret_pkey" primary key ("id"))',
    );
    this.addSql('alter table "secret" add constraint "secret_hash_unique" unique ("hash")');
    this.addSql('create index "secret_subject_id_index" on "secret" ("subject_id")');
    this.addSql('create index "secret_expires_at_index" on "secret" ("expires_at")');
  }
}

import { Migration } from "@mikro-orm/migrations";

/** Flows, accounts, the outbox, hashed secrets and captcha challenges. */
export class Migration20261126Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      "create table `account` (`id` text not null, `username` text not null, `username_key` text not null, `password_hash` text not null, `email` text not null, `email_key` text not null, `civilite` text not null, `nom_usuel` text not null, `prenoms` text not null, `profile` text not null, `status` text not null, `flow_id` text not null, `created_at` datetime not null, `activated_at` datetime null, primary key (`id`))",
    );
    this.addSql("create unique index `account_username_key_unique` on `account` (`username_key`)");
    this.addSql("create index `account_email_key_index` on `account` (`email_key`)");
    this.addSql("create unique index `account_flow_id_unique` on `account` (`flow_id`)");
    this.addSql(
      "create table `captcha` (`id` text not null, `flow_id` text not null, `record` text not null, `expires_at` datetime not null, primary key (`id`))",
    );
    this.addSql("create index `captcha_flow_id_index` on `captcha` (`flow_id`)");
    this.addSql("create index `captcha_expires_at_index` on `captcha` (`expires_at`)");
    this.addSql(
      "create table `flow` (`id` text not null, `token_hash` text not null, `snapshot` text not null, `version` integer not null, `machine_version` integer not null, `step` text not null, `status` text not null, `created_at` datetime not null, `updated_at` datetime not null, `expires_at` datetime not null, primary key (`id`))",
    );
    this.addSql("create unique index `flow_token_hash_unique` on `flow` (`token_hash`)");
    this.addSql("create index `flow_expires_at_index` on `flow` (`expires_at`)");
    this.addSql(
      "create table `outbox` (`id` text not null, `template` text not null, `recipient` text not null, `data` text not null, `attempts` integer not null, `next_attempt_at` datetime not null, `claimed_until` datetime null, `sent_at` datetime null, `last_error` text null, `created_at` datetime not null, primary key (`id`))",
    );
    this.addSql("create index `outbox_next_attempt_at_index` on `outbox` (`next_attempt_at`)");
    this.addSql(
      "create table `secret` (`id` text not null, `kind` text not null, `hash` text not null, `subject_id` text not null, `expires_at` datetime not null, `used_at` datetime null, `created_at` datetime not null, primary key (`id`))",
    );
    this.addSql("create unique index `secret_hash_unique` on `secret` (`hash`)");
    this.addSql("create index `secret_subject_id_index` on `secret` (`subject_id`)");
    this.addSql("create index `secret_expires_at_index` on `secret` (`expires_at`)");
  }
}

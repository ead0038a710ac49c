import { Migration } from "@mikro-orm/migrations";

/**
 * Each e-mail names the account it was sent about, so "Mes données" lists them all, those sent to an
 * address the account no longer has included. Rows already there are linked by their address when it
 * belongs to one account only.
 */
export class Migration20261208OutboxAccount extends Migration {
  override async up(): Promise<void> {
    this.addSql("alter table `outbox` add column `account_id` text null");
    this.addSql("create index `outbox_account_id_index` on `outbox` (`account_id`)");
    this.addSql(
      "update `outbox` set `account_id` = (select `id` from `account` where `account`.`email_key` = lower(`outbox`.`recipient`)) where (select count(*) from `account` where `account`.`email_key` = lower(`outbox`.`recipient`)) = 1",
    );
  }
}

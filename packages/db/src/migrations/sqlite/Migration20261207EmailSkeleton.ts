import { Migration } from "@mikro-orm/migrations";
import { emailSkeleton } from "../../emailSkeleton";

/** Addresses that look alike share a skeleton (TR39): the « espace existe déjà » check compares these. Existing rows get theirs. */
export class Migration20261207EmailSkeleton extends Migration {
  override async up(): Promise<void> {
    await this.execute("alter table `account` add column `email_skeleton` text null");
    const rows = (await this.execute("select `id`, `email` from `account`")) as Array<{ id: string; email: string }>;
    for (const row of rows) await this.execute("update `account` set `email_skeleton` = ? where `id` = ?", [emailSkeleton(row.email), row.id]);
    this.addSql("create index `account_email_skeleton_index` on `account` (`email_skeleton`)");
  }
}

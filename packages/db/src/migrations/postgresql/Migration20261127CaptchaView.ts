import { Migration } from "@mikro-orm/migrations";

/** A challenge keeps what the page shows (so a reload shows the same pictures) and a plain "used" flag to claim it. */
export class Migration20261127CaptchaView extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "captcha" add column "view" text null');
    this.addSql('alter table "captcha" add column "used" smallint not null default 0');
  }
}

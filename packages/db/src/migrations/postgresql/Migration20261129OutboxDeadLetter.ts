import { Migration } from "@mikro-orm/migrations";

/** A message given up for good (refused permanently, or still failing after a day) is kept aside as a dead letter. */
export class Migration20261129OutboxDeadLetter extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "outbox" add column "dead_at" timestamptz null');
  }
}

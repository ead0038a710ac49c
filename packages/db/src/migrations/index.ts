import { Migration20261126Initial as PgInitial } from "./postgresql/Migration20261126Initial";
import { Migration20261126ServiceRegistry as PgServiceRegistry } from "./postgresql/Migration20261126ServiceRegistry";
import { Migration20261126Initial as SqliteInitial } from "./sqlite/Migration20261126Initial";
import { Migration20261126ServiceRegistry as SqliteServiceRegistry } from "./sqlite/Migration20261126ServiceRegistry";

/** In order of application; a new migration is appended to both lists. */
export const sqliteMigrations = [
  { name: "Migration20261126Initial", class: SqliteInitial },
  { name: "Migration20261126ServiceRegistry", class: SqliteServiceRegistry },
];
export const postgresMigrations = [
  { name: "Migration20261126Initial", class: PgInitial },
  { name: "Migration20261126ServiceRegistry", class: PgServiceRegistry },
];

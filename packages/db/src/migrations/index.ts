import { Migration20261126Initial as PgInitial } from "./postgresql/Migration20261126Initial";
import { Migration20261126Initial as SqliteInitial } from "./sqlite/Migration20261126Initial";

export const sqliteMigrations = [{ name: "Migration20261126Initial", class: SqliteInitial }];
export const postgresMigrations = [{ name: "Migration20261126Initial", class: PgInitial }];

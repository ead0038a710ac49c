import type { MigrationObject } from "@mikro-orm/core";
import type { Engine } from "../engine";

/**
 * In order of application; a new migration is a file in each engine's folder, exported from its
 * index.ts, and appended here. Names only: a process whose schema is up to date never loads the
 * migration classes nor MikroORM's migration tooling (see openDatabase).
 */
export const migrationNames = [
  "Migration20261126Initial",
  "Migration20261126ServiceRegistry",
  "Migration20261126Photo",
  "Migration20261127Account",
  "Migration20261127Resume",
  "Migration20261127CaptchaView",
  "Migration20261129OutboxDeadLetter",
  "Migration20261129FlowKind",
  "Migration20261129FranceConnectLogin",
  "Migration20261130FlowAccount",
  "Migration20261130FranceConnectAccount",
  "Migration20261130FlowAccountUnique",
  "Migration20261207EmailSkeleton",
  "Migration20261208OutboxAccount",
] as const;

/** The engine's migrations, classes loaded now, in order of application: what MikroORM's `migrationsList` takes. */
export async function loadMigrations(engine: Engine): Promise<MigrationObject[]> {
  const classes: Record<string, MigrationObject["class"]> = engine === "postgresql" ? await import("./postgresql/index") : await import("./sqlite/index");
  const unlisted = Object.keys(classes).filter((name) => !(migrationNames as readonly string[]).includes(name));
  if (unlisted.length > 0) throw new Error(`Migrations not listed in migrationNames: ${unlisted.join(", ")}`);
  return migrationNames.map((name) => {
    const migration = classes[name];
    if (!migration) throw new Error(`Migration ${name} has no ${engine} class`);
    return { name, class: migration };
  });
}

import { registrationMachineVersion } from "@guichet/machines";

/**
 * Brings a snapshot written by an older machine up to the current one. Each entry maps version N to N+1;
 * a snapshot from a newer machine than this process knows is refused (see docs/adding-a-step.md).
 */
const migrations: Record<number, (snapshot: any) => any> = {};

export function migrateSnapshot(snapshot: unknown, fromVersion: number): unknown {
  if (fromVersion > registrationMachineVersion) throw new Error(`snapshot from a newer machine (${fromVersion})`);
  let current = snapshot;
  for (let v = fromVersion; v < registrationMachineVersion; v++) {
    const step = migrations[v];
    if (!step) throw new Error(`no migration from machine version ${v}`);
    current = step(current);
  }
  return current;
}

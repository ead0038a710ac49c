import { Schema } from "effect";
import { fr } from "./catalogue";
import { answerItem, type LinesContext, type StepDefinition } from "./stepDefinition";

/** SERVICES: optional keys, one per service id; checking them against each service is the server's part. */
export const ServiceKeys = Schema.Struct({
  keys: Schema.Record(
    Schema.String,
    Schema.String.check(Schema.makeFilter((s: string) => s.trim() === "" || /^[A-Za-z0-9-]{4,40}$/.test(s.trim()) || fr.services.keyFormat)),
  ),
});
export type ServiceKeys = typeof ServiceKeys.Type;

/** SERVICES as a step: one key per service of the tenant, drawn from the view's `services`. */
export const servicesStep: StepDefinition = {
  id: "services",
  schema: () => ServiceKeys,
  normalise: (values) => ({ keys: values.keys ?? {} }),
  lines: (services: { keys: Record<string, { key: string; auto: boolean }> } | undefined, { services: offered }: LinesContext) =>
    offered.map((s) => {
      const key = services?.keys[s.id];
      return answerItem(s.label, key ? `${key.key}${key.auto ? ` (${fr.services.autoFilled.toLowerCase()})` : ""}` : undefined);
    }),
  linesUnanswered: true,
};

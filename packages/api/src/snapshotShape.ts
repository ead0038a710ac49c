import { Schema } from "effect";

const Fields = Schema.Record(Schema.String, Schema.Unknown);

/**
 * The shape a stored registration snapshot must have before the machine and the view may read it. Loose
 * on purpose inside each answer (an older machine's answers stay readable); strict where code would
 * otherwise dereference null or iterate a string: the context, its answers and drafts, the service keys.
 */
const StoredRegistration = Schema.Struct({
  value: Schema.Union([Schema.String, Fields]),
  context: Schema.Struct({
    answers: Schema.Struct({
      terms: Schema.optionalKey(Fields),
      identity: Schema.optionalKey(Fields),
      address: Schema.optionalKey(Fields),
      contacts: Schema.optionalKey(Fields),
      credentials: Schema.optionalKey(Fields),
      services: Schema.optionalKey(Schema.Struct({ keys: Schema.Record(Schema.String, Schema.Struct({ key: Schema.String, auto: Schema.Boolean })) })),
    }),
    drafts: Schema.Record(Schema.String, Fields),
    returnToReview: Schema.Boolean,
    franceConnect: Schema.optionalKey(Schema.Struct({ sub: Schema.String, identity: Schema.Record(Schema.String, Schema.String) })),
  }),
});

const fits = Schema.is(StoredRegistration);

/** True when a parsed snapshot can be handed to the registration machine and its view. */
export const snapshotFits = (snapshot: unknown): boolean => fits(snapshot);

import { Schema } from "effect";
import { editableSteps } from "@guichet/schema";
import { POW_MAX_LENGTH } from "../proofOfWork";
import { StepValues } from "../inputLimits";

// Effect 4 schemas are functions: tRPC must be given their Standard Schema face, or it validates nothing.
const standard = <S extends Schema.Top & { readonly DecodingServices: never }>(schema: S) => Schema.toStandardSchemaV1(schema);

const Token = Schema.String.check(Schema.isMinLength(20), Schema.isMaxLength(100));
const Values = StepValues;

export const TokenInput = standard(Schema.Struct({ token: Token }));

/** A solved proof of work (base64 of ALTCHA's JSON payload), checked by the server; absent when the check is off. */
export const Pow = Schema.optionalKey(Schema.String.check(Schema.isMaxLength(POW_MAX_LENGTH)));
// No input, `null` (what a plain JSON client sends for nothing) or `{ pow }`.
export const StartInput = standard(Schema.NullishOr(Schema.Struct({ pow: Pow })));
export const TokenPowInput = standard(Schema.Struct({ token: Token, pow: Pow }));

export const Move = Schema.Union([
  Schema.Struct({ type: Schema.Literal("START") }),
  Schema.Struct({ type: Schema.Literal("NEXT"), values: Schema.optionalKey(Values) }),
  Schema.Struct({ type: Schema.Literal("BACK"), values: Schema.optionalKey(Values) }),
  Schema.Struct({ type: Schema.Literal("EDIT"), step: Schema.Literals(editableSteps) }),
  Schema.Struct({ type: Schema.Literal("CANCEL") }),
]);

export const SendInput = standard(
  // `pow` beside the move: asked only at VALIDER of the security check.
  Schema.Struct({ token: Token, version: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)), move: Move, pow: Pow }),
);
export const CancelInput = standard(Schema.Struct({ token: Token, version: Schema.Int }));
export const PasswordInput = standard(
  Schema.Struct({ token: Token, password: Schema.String.check(Schema.isMaxLength(200)), username: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(60))) }),
);
export const UsernameInput = standard(Schema.Struct({ token: Token, username: Schema.String.check(Schema.isMaxLength(60)) }));

const Query = Schema.String.check(Schema.isMaxLength(100));
export const CommunesInput = standard(Schema.Struct({ query: Query, departement: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(3))) }));
export const PostalCodeInput = standard(Schema.Struct({ codePostal: Schema.String.check(Schema.isMaxLength(10)) }));
export const StreetsInput = standard(Schema.Struct({ query: Query, codePostal: Schema.optionalKey(Schema.String.check(Schema.isMaxLength(10))) }));

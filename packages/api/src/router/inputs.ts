import { Schema } from "effect";
import { fr } from "@guichet/schema";
import { POW_MAX_LENGTH } from "../proofOfWork";
import { StepValues } from "../inputLimits";

// Effect 4 schemas are functions: tRPC must be given their Standard Schema face, or it validates nothing.
const standard = <S extends Schema.Top & { readonly DecodingServices: never }>(schema: S) => Schema.toStandardSchemaV1(schema);

/**
 * Text of a procedure's input, at most `max` characters: never a NUL, which no database column of text can
 * hold (PostgreSQL refuses it, and a look-up by it must not fail as a server error).
 */
export const Text = (max: number, min = 0) =>
  // eslint-disable-next-line no-control-regex -- the NUL character is what this refuses
  Schema.String.check(Schema.isMinLength(min), Schema.isMaxLength(max), Schema.isPattern(/^[^\u0000]*$/, { message: fr.errors.forbiddenCharacter }));

const Token = Text(100, 20);
const Values = StepValues;

export const TokenInput = standard(Schema.Struct({ token: Token }));

/** A solved proof of work (base64 of ALTCHA's JSON payload), checked by the server; absent when the check is off. */
export const Pow = Schema.optionalKey(Text(POW_MAX_LENGTH));
// No input, `null` (what a plain JSON client sends for nothing) or `{ pow }`.
export const StartInput = standard(Schema.NullishOr(Schema.Struct({ pow: Pow })));
export const TokenPowInput = standard(Schema.Struct({ token: Token, pow: Pow }));

export const Move = Schema.Union([
  Schema.Struct({ type: Schema.Literal("START") }),
  Schema.Struct({ type: Schema.Literal("NEXT"), values: Schema.optionalKey(Values) }),
  Schema.Struct({ type: Schema.Literal("BACK"), values: Schema.optionalKey(Values) }),
  // The step is checked against the definition's own list by the runtime.
  Schema.Struct({ type: Schema.Literal("EDIT"), step: Text(40, 1) }),
  Schema.Struct({ type: Schema.Literal("CANCEL") }),
]);

export const SendInput = standard(
  // `pow` beside the move: asked only at VALIDER of the security check.
  Schema.Struct({ token: Token, version: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)), move: Move, pow: Pow }),
);
export const CancelInput = standard(Schema.Struct({ token: Token, version: Schema.Int }));
export const PasswordInput = standard(Schema.Struct({ token: Token, password: Text(200), username: Schema.optionalKey(Text(60)) }));
export const UsernameInput = standard(Schema.Struct({ token: Token, username: Text(60) }));

const Query = Text(100);
export const CommunesInput = standard(Schema.Struct({ query: Query, departement: Schema.optionalKey(Text(3)) }));
export const PostalCodeInput = standard(Schema.Struct({ codePostal: Text(10) }));
export const StreetsInput = standard(Schema.Struct({ query: Query, codePostal: Schema.optionalKey(Text(10)) }));

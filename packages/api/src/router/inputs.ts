import { Schema } from "effect";
import { editableSteps } from "@guichet/schema";
import { StepValues } from "../inputLimits";

// Effect 4 schemas are functions: tRPC must be given their Standard Schema face, or it validates nothing.
const standard = <S extends Schema.Top & { readonly DecodingServices: never }>(schema: S) => Schema.toStandardSchemaV1(schema);

const Token = Schema.String.check(Schema.isMinLength(20), Schema.isMaxLength(100));
const Values = StepValues;

export const TokenInput = standard(Schema.Struct({ token: Token }));

export const Move = Schema.Union([
  Schema.Struct({ type: Schema.Literal("START") }),
  Schema.Struct({ type: Schema.Literal("NEXT"), values: Schema.optionalKey(Values) }),
  Schema.Struct({ type: Schema.Literal("BACK"), values: Schema.optionalKey(Values) }),
  Schema.Struct({ type: Schema.Literal("EDIT"), step: Schema.Literals(editableSteps) }),
  Schema.Struct({ type: Schema.Literal("CANCEL") }),
]);

export const SendInput = standard(
  Schema.Struct({ token: Token, version: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)), move: Move }),
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

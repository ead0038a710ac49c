import type { TRPCRouterRecord } from "@trpc/server";
import { Schema } from "effect";
import { accountMessages as m } from "../account/messages";
import { protectedProcedure, publicProcedure } from "../trpc";
import { Pow, Text } from "./inputs";

// Effect 4 schemas are functions: tRPC must be given their Standard Schema face, or it validates nothing.
const standard = <S extends Schema.Top & { readonly DecodingServices: never }>(schema: S) => Schema.toStandardSchemaV1(schema);

// Loose on purpose: what a citizen typed is judged by the service, which answers beside the field.
const Typed = (max: number) => Text(max);
// A mangled link is answered "not valid" by the service, not refused as a bad request.
const Jeton = Typed(200);

const JetonInput = standard(Schema.Struct({ jeton: Jeton }));
const CodeInput = standard(Schema.Struct({ identifiant: Typed(254), code: Typed(20) }));
const ResendInput = standard(Schema.Union([Schema.Struct({ jeton: Jeton, pow: Pow }), Schema.Struct({ identifiant: Typed(254), pow: Pow })]));
const LoginInput = standard(Schema.Struct({ username: Typed(254), password: Typed(1000) }));
const IdentifierInput = standard(Schema.Struct({ identifiant: Typed(254), pow: Pow }));
const ResetInput = standard(Schema.Struct({ jeton: Jeton, password: Typed(1000), confirmation: Typed(1000) }));
const KeyInput = standard(Schema.Struct({ serviceId: Typed(40), key: Typed(100) }));

export const accountRouter = {
  /** The e-mailed link: activates once, then says why it no longer does. */
  activate: publicProcedure.input(JetonInput).mutation(({ ctx, input }) => ctx.services.account.activateByLink(input.jeton)),

  /**
   * The link sent to a new e-mail address ("Modifier mes coordonnées"): once, within 72 hours. A mutation:
   * the secret comes from the page's fragment in the body, never in a URL. Guessing a 256-bit link is hopeless.
   */
  confirmEmail: publicProcedure.input(JetonInput).mutation(({ ctx, input }) => ctx.services.account.confirmEmail(input.jeton)),

  /** The 6-digit code, typed instead of opening the link; guesses are throttled. */
  activateWithCode: publicProcedure.input(CodeInput).mutation(({ ctx, input }) => {
    const identifiant = input.identifiant.trim();
    const code = input.code.replace(/\s/g, "");
    if (!identifiant)
      return { status: "wrongCode" as const, message: m.activation.identifierRequired, errors: { identifiant: m.activation.identifierRequired } };
    if (!/^\d{6}$/.test(code)) return { status: "wrongCode" as const, message: m.activation.codeFormat, errors: { code: m.activation.codeFormat } };
    return ctx.services.account.activateByCode(identifiant, code, ctx.client.ip);
  }),

  /** A new activation e-mail, from a spent link or from a username or e-mail address: a proof of work, then the e-mail budget. */
  resendActivation: publicProcedure.input(ResendInput).mutation(async ({ ctx, input }) => {
    await ctx.services.proofOfWork.require(input.pow);
    return ctx.services.account.resendActivation("jeton" in input ? { token: input.jeton } : { identifier: input.identifiant }, ctx.client.ip);
  }),

  login: publicProcedure.input(LoginInput).mutation(async ({ ctx, input }) => {
    const errors = {
      ...(input.username.trim() ? {} : { username: m.login.usernameRequired }),
      ...(input.password ? {} : { password: m.login.passwordRequired }),
    };
    if (Object.keys(errors).length > 0) return { ok: false as const, message: Object.values(errors)[0]!, errors };
    const result = await ctx.services.account.login(input.username, input.password, ctx.client.ip);
    if (!result.ok) return { ok: false as const, message: result.message, errors: {} };
    // A new token at each login: a token planted before login is worth nothing after it.
    await ctx.services.account.sessions.end(ctx.client.sessionToken());
    ctx.client.setSessionToken(result.sessionToken);
    return { ok: true as const, username: result.username };
  }),

  logout: publicProcedure.mutation(async ({ ctx }) => {
    await ctx.services.account.sessions.end(ctx.client.sessionToken());
    ctx.client.clearSessionToken();
    return { message: m.login.loggedOut };
  }),

  /** The logged-in citizen's espace, or null: the home page shows Connexion then. */
  me: publicProcedure.query(async ({ ctx }) => {
    const session = await ctx.services.account.sessions.find(ctx.client.sessionToken());
    return session ? ((await ctx.services.account.me(session.accountId)) ?? null) : null;
  }),

  /** « J'ai oublié mon mot de passe »: a proof of work, then the e-mail budget. */
  requestPasswordReset: publicProcedure.input(IdentifierInput).mutation(async ({ ctx, input }) => {
    if (!input.identifiant.trim()) return { message: m.activation.identifierRequired, errors: { identifiant: m.activation.identifierRequired } };
    await ctx.services.proofOfWork.require(input.pow);
    return ctx.services.account.requestPasswordReset(input.identifiant, ctx.client.ip);
  }),

  /** A mutation (POST) although it changes nothing: the reset secret never sits in a URL or a log. */
  resetLink: publicProcedure.input(JetonInput).mutation(({ ctx, input }) => ctx.services.account.checkResetLink(input.jeton)),

  resetPassword: publicProcedure
    .input(ResetInput)
    .mutation(({ ctx, input }) => ctx.services.account.resetPassword(input.jeton, input.password, input.confirmation)),

  addServiceKey: protectedProcedure
    .input(KeyInput)
    .mutation(({ ctx, input }) => ctx.services.account.addServiceKey(ctx.session.accountId, input.serviceId, input.key, ctx.client.ip)),
} satisfies TRPCRouterRecord;

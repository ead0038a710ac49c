import type { TRPCRouterRecord } from "@trpc/server";
import { Schema } from "effect";
import { protectedProcedure } from "../trpc";
import { Text } from "./inputs";

// Effect 4 schemas are functions: tRPC must be given their Standard Schema face, or it validates nothing.
const standard = <S extends Schema.Top & { readonly DecodingServices: never }>(schema: S) => Schema.toStandardSchemaV1(schema);

const KindInput = standard(Schema.Struct({ kind: Text(40, 1) }));
const FlowIdInput = standard(Schema.Struct({ flowId: Text(36, 1) }));

/**
 * The démarches of "Mon espace", for the logged-in citizen only. The view answered by `start` and `resume`
 * carries the flow's token: the page then moves it with `flow.get` / `flow.send` as any flow.
 */
export const myspaceRouter = {
  /** The menu: the definitions with `owner: "account"` the tenant offers. */
  demarches: protectedProcedure.query(({ ctx }) => ctx.services.demarches.menu()),

  /** Starts a démarche, or resumes (with a new token) the account's unfinished one of that kind. */
  start: protectedProcedure.input(KindInput).mutation(({ ctx, input }) => ctx.services.demarches.start(ctx.session.accountId, input.kind, ctx.client.ip)),

  /** "Mes démarches en cours". */
  pending: protectedProcedure.query(({ ctx }) => ctx.services.demarches.pending(ctx.session.accountId)),

  /** Only the owner; a new token, so a view still open on another device stops. */
  resume: protectedProcedure.input(FlowIdInput).mutation(({ ctx, input }) => ctx.services.demarches.resume(ctx.session.accountId, input.flowId, ctx.client.ip)),

  abandon: protectedProcedure.input(FlowIdInput).mutation(({ ctx, input }) => ctx.services.demarches.abandon(ctx.session.accountId, input.flowId)),
} satisfies TRPCRouterRecord;

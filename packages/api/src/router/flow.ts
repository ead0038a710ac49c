import type { TRPCRouterRecord } from "@trpc/server";
import type { FlowMove } from "@guichet/schema";
import { publicProcedure } from "../trpc";
import { CancelInput, SendInput, TokenInput, UsernameInput } from "./inputs";

export const flowRouter = {
  start: publicProcedure.mutation(({ ctx }) => ctx.services.flows.start()),

  get: publicProcedure.input(TokenInput).query(({ ctx, input }) => ctx.services.flows.get(input.token)),

  send: publicProcedure
    .input(SendInput)
    .mutation(({ ctx, input }) => ctx.services.flows.send(input.token, input.version, input.move as FlowMove)),

  cancel: publicProcedure
    .input(CancelInput)
    .mutation(({ ctx, input }) => ctx.services.flows.send(input.token, input.version, { type: "CANCEL" })),

  /** Asked while typing; the last step checks again, as a name can be taken in between. */
  usernameAvailable: publicProcedure.input(UsernameInput).query(async ({ ctx, input }) => {
    if (!(await ctx.services.flows.idOf(input.token))) return { available: false };
    return { available: await ctx.services.usernameAvailable(input.username.trim()) };
  }),
} satisfies TRPCRouterRecord;

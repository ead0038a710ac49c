import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../trpc";

export const powRouter = {
  /**
   * A proof-of-work challenge (ALTCHA), signed, valid 10 minutes; null when the check is off. A mutation:
   * every call makes a new one, and nothing caches it. Each costs a key derivation: counted per device and
   * address in the shared table (abuseLimits `powChallenge`); nothing is counted when the check is off.
   */
  challenge: publicProcedure.mutation(async ({ ctx }) => {
    if (!ctx.services.proofOfWork.disabled) await ctx.services.abuse.costly("powChallenge", ctx.client);
    return ctx.services.proofOfWork.challenge();
  }),
} satisfies TRPCRouterRecord;

import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../trpc";

export const powRouter = {
  /**
   * A proof-of-work challenge (ALTCHA), signed, valid 10 minutes; null when the check is off. A mutation:
   * every call makes a new one, and nothing caches it.
   */
  challenge: publicProcedure.mutation(({ ctx }) => ctx.services.proofOfWork.challenge()),
} satisfies TRPCRouterRecord;

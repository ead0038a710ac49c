import { TRPCError } from "@trpc/server";
import { fr } from "@guichet/schema";

/** The faults a citizen can meet, each with its French sentence; never a stack trace. */
export const flowErrors = {
  notFound: () => new TRPCError({ code: "NOT_FOUND", message: fr.errors.notFound }),
  conflict: () => new TRPCError({ code: "CONFLICT", message: fr.errors.conflict }),
  broken: (cause?: unknown) => new TRPCError({ code: "UNPROCESSABLE_CONTENT", message: fr.errors.broken, cause }),
  wrongStep: () => new TRPCError({ code: "CONFLICT", message: fr.errors.wrongStep }),
};

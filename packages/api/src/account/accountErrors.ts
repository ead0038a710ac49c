import { TRPCError } from "@trpc/server";
import { accountMessages as m } from "./messages";
import type { Wait } from "./throttle";

/** The account pages' faults, each a French sentence (never a stack trace). */
export const tooManyAttempts = (wait: Wait) => new TRPCError({ code: "TOO_MANY_REQUESTS", message: m.tooMany(wait.retryAfterSeconds) });
export const wrongLogin = () => new TRPCError({ code: "UNAUTHORIZED", message: m.login.wrong });
export const sessionRequired = () => new TRPCError({ code: "UNAUTHORIZED", message: m.login.sessionRequired });

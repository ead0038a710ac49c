import { initTRPC, StandardSchemaV1Error, TRPCError } from "@trpc/server";
import { fr } from "@guichet/schema";
import type { AbuseGuard } from "./abuse/abuseGuard";
import type { AccountService } from "./account";
import { accountMessages } from "./account/messages";
import { inputLimitMessages } from "./inputLimits";
import type { FlowRuntime } from "./flowRuntime";
import type { FranceConnect } from "./franceConnect";
import type { MySpaceDemarches } from "./demarches/mySpaceDemarches";
import type { FlowEvents } from "./live/FlowEvents";
import type { LiveViews } from "./live/watchFlow";
import type { ResumeService } from "./resume/resumeService";
import type { Places } from "./places";
import type { ProofOfWork } from "./proofOfWork";
import type { PasswordStrength } from "./passwordStrength";
import type { Tenant } from "./tenant";

/** What every procedure may use; built once per process by the server. */
export interface GuichetServices {
  readonly flows: FlowRuntime;
  /** The démarches of "Mon espace": menu, start, pending, resume, abandon (router `myspace`). */
  readonly demarches: MySpaceDemarches;
  readonly places: Places;
  readonly tenant: Tenant;
  readonly captchaDisabled: boolean;
  readonly usernameAvailable: (username: string) => Promise<boolean>;
  readonly account: AccountService;
  readonly resume: ResumeService;
  /** The proof-of-work barrier of flow.start, VALIDER and every anonymous e-mail. */
  readonly proofOfWork: ProofOfWork;
  /** Moves and takeovers of flows, for the live views of `flow.watch`. */
  readonly events: FlowEvents;
  /** Live views: their tickets, and this process's open views (bounded, one read per move). */
  readonly live: LiveViews;
  /** The strength meter's worker pool. */
  readonly passwordStrength: PasswordStrength;
  /** The ceilings on anonymous calls (abuseLimits), counted in the shared database. */
  readonly abuse: AbuseGuard;
  /** FranceConnect's client, when FRANCECONNECT_* configure it (the web then offers its button). */
  readonly franceConnect?: FranceConnect;
}

/** The caller as the HTTP server sees it: its address and device cookie (for throttling) and its session cookie. */
export interface ClientPort {
  /** The client's address as the limits count it (`limitedAddress`): an IPv6 address by its /64. */
  readonly ip: string;
  /** A random id the server keeps in a cookie of the browser or kiosk: throttles count per device first. */
  readonly device: string;
  /** The device's id when its cookie came with the request; undefined otherwise (and no cookie is set). */
  readonly knownDevice: string | undefined;
  sessionToken(): string | undefined;
  setSessionToken(token: string): void;
  clearSessionToken(): void;
}

export interface Context {
  readonly services: GuichetServices;
  readonly client: ClientPort;
  /** A live view's single-use ticket, sent as a connection parameter of its server-sent events. */
  readonly liveTicket?: string | undefined;
}

const t = initTRPC.context<Context>().create({
  // Live views (SSE): a ping keeps proxies from closing a quiet stream; a client that hears nothing for longer reconnects.
  sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 40_000 } },
  // A citizen reads French sentences, never a stack: unexpected faults get one sentence, details stay in the log.
  errorFormatter({ shape, error }) {
    const unexpected = error.code === "INTERNAL_SERVER_ERROR";
    const badInput = error.code === "BAD_REQUEST";
    return {
      ...shape,
      message: unexpected ? fr.errors.internal : badInput ? badInputMessage(error) : shape.message,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus },
    };
  },
});

/** "Not valid", unless the input broke a limit the citizen can act on (too large, too deep, too many keys). */
function badInputMessage(error: TRPCError): string {
  if (inputLimitMessages.has(error.message)) return error.message;
  const issues = error.cause instanceof StandardSchemaV1Error ? error.cause.issues : [];
  return issues.map((i) => i.message).find((m) => inputLimitMessages.has(m)) ?? fr.errors.badRequest;
}

export const router = t.router;
/**
 * Every anonymous call, first: counted in this process's memory, per device and per address (abuseLimits
 * `calls`), before it reads anything, so a flood of made-up tokens costs the database nothing past that
 * ceiling. A procedure's own, tighter ceilings come after (docs/abuse-limits.md lists them all).
 */
export const anonymousFloor = t.middleware(async ({ ctx, next }) => {
  await ctx.services.abuse.call(ctx.client);
  return next();
});

/** A procedure anyone may call: it passes the floor first. */
export const publicProcedure = t.procedure.use(anonymousFloor);
export const createCallerFactory = t.createCallerFactory;

/** A procedure for a logged-in citizen: `ctx.session` names the account, or the call is refused in French. */
export const sessionRequired = t.middleware(async ({ ctx, next }) => {
  const session = await ctx.services.account.sessions.find(ctx.client.sessionToken());
  if (!session) throw new TRPCError({ code: "UNAUTHORIZED", message: accountMessages.login.sessionRequired });
  return next({ ctx: { ...ctx, session } });
});
export const protectedProcedure = t.procedure.use(sessionRequired);

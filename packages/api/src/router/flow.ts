import type { TRPCRouterRecord } from "@trpc/server";
import type { FlowMove } from "@guichet/schema";
import type { FlowRequest } from "../flowRuntime";
import { publicProcedure, type ClientPort } from "../trpc";
import { WatchInput, watchFlow } from "../live/watchFlow";
import { CancelInput, PasswordInput, SendInput, StartInput, TokenInput, UsernameInput } from "./inputs";

/**
 * The caller as a flow sees it: its address, and its session when logged in. A démarche of Mon espace
 * answers its owner's session only, and one that ends the account's other sessions keeps this one.
 */
const sessionRequest = (client: ClientPort): FlowRequest => {
  const session = client.sessionToken();
  return { ip: client.ip, ...(session ? { session } : {}) };
};

export const flowRouter = {
  /** "Créer mon espace": costs a proof of work, solved by the page ahead of the click, and counts per device and address. */
  start: publicProcedure.input(StartInput).mutation(async ({ ctx, input }) => {
    await ctx.services.abuse.flowStart(ctx.client);
    return ctx.services.flows.start({ ip: ctx.client.ip, ...(input?.pow ? { pow: input.pow } : {}) });
  }),

  /** A mutation (POST) although it changes nothing: the token travels in the body, never in a URL or a log. */
  get: publicProcedure.input(TokenInput).mutation(({ ctx, input }) => ctx.services.flows.get(input.token, sessionRequest(ctx.client))),

  send: publicProcedure.input(SendInput).mutation(({ ctx, input }) => {
    return ctx.services.flows.send(input.token, input.version, input.move as FlowMove, {
      ...sessionRequest(ctx.client),
      ...(input.pow ? { pow: input.pow } : {}),
    });
  }),

  /** A single-use ticket that opens one live view of the flow within a minute (the token stays out of URLs). */
  watchTicket: publicProcedure.input(TokenInput).mutation(async ({ ctx, input }) => {
    // Each ticket is written to the shared database: counted per flow first.
    await ctx.services.abuse.watchTicket(input.token);
    return ctx.services.live.tickets.issue(input.token, ctx.client.sessionToken());
  }),

  /** Server-sent events: the flow's view each time another device moves it, and its takeovers. */
  watch: publicProcedure
    .input(WatchInput)
    .subscription(({ ctx, input, signal }) => watchFlow(ctx.services, input, { ticket: ctx.liveTicket, ip: ctx.client.ip }, signal)),

  cancel: publicProcedure
    .input(CancelInput)
    .mutation(({ ctx, input }) => ctx.services.flows.send(input.token, input.version, { type: "CANCEL" }, sessionRequest(ctx.client))),

  /** Asked while typing; the last step checks again, as a name can be taken in between. POST: it carries the token. */
  usernameAvailable: publicProcedure.input(UsernameInput).mutation(async ({ ctx, input }) => {
    await ctx.services.abuse.whileTyping("usernameAvailable", input.token, ctx.client);
    if (!(await ctx.services.flows.idOf(input.token))) return { available: false };
    return { available: await ctx.services.usernameAvailable(input.username.trim()) };
  }),

  /** The strength meter's estimate; a mutation so that the password never sits in a URL or a log. */
  passwordStrength: publicProcedure.input(PasswordInput).mutation(async ({ ctx, input }) => {
    await ctx.services.abuse.whileTyping("passwordStrength", input.token, ctx.client);
    if (!(await ctx.services.flows.idOf(input.token))) return { score: 0, warning: "", suggestions: [] };
    return ctx.services.passwordStrength.estimate(input.password, input.username ? [input.username] : []);
  }),
} satisfies TRPCRouterRecord;

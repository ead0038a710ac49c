import type { TRPCRouterRecord } from "@trpc/server";
import { Schema } from "effect";
import { publicProcedure } from "../trpc";
import { Pow, Text, TokenPowInput } from "./inputs";

const Token = Text(100, 20);
const TokenInput = Schema.toStandardSchemaV1(Schema.Struct({ token: Token }));
const CodeInput = Schema.toStandardSchemaV1(Schema.Struct({ code: Text(40) }));
const RecoverInput = Schema.toStandardSchemaV1(Schema.Struct({ email: Text(254), pow: Pow }));
const LinkInput = Schema.toStandardSchemaV1(Schema.Struct({ secret: Text(100, 20) }));

/** "Continuer sur un autre appareil" and "Reprendre une inscription". */
export const resumeRouter = {
  /** A new code and QR code for the flow; each call makes a new pair. */
  offer: publicProcedure.input(TokenInput).mutation(({ ctx, input }) => ctx.services.resume.offer(input.token)),

  /** The kiosk wiped its screen: the codes (and QR links) shown for the flow stop working. */
  cancelShown: publicProcedure.input(TokenInput).mutation(({ ctx, input }) => ctx.services.resume.cancelShown(input.token)),

  /** "Recevoir le lien par courriel", once the contacts step gave an address: a proof of work, then the e-mail budget. */
  sendLink: publicProcedure.input(TokenPowInput).mutation(async ({ ctx, input }) => {
    await ctx.services.proofOfWork.require(input.pow);
    return ctx.services.resume.sendLink(input.token, ctx.client.ip);
  }),

  /** "Retrouver mon inscription": a proof of work, then a link by e-mail to each unfinished sign-up of the address. */
  recover: publicProcedure.input(RecoverInput).mutation(async ({ ctx, input }) => {
    await ctx.services.proofOfWork.require(input.pow);
    return ctx.services.resume.recover(input.email, ctx.client.ip);
  }),

  /** The flow's view, token included, for the code typed; wrong codes are throttled. */
  redeemCode: publicProcedure.input(CodeInput).mutation(({ ctx, input }) => ctx.services.resume.redeemCode(input.code, ctx.client)),

  /** The same for the secret of a resume link (the part after `#`). */
  redeemLink: publicProcedure.input(LinkInput).mutation(({ ctx, input }) => ctx.services.resume.redeemLink(input.secret)),
} satisfies TRPCRouterRecord;

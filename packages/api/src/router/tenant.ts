import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../trpc";

export const tenantRouter = {
  /** What the pages show of the tenant; nothing secret is in a tenant's file, but only these keys leave. */
  info: publicProcedure.query(({ ctx }) => {
    const t = ctx.services.tenant;
    return {
      name: t.name,
      shortName: t.shortName,
      phone: t.phone,
      email: t.email,
      primaryColor: t.primaryColor,
      cgu: t.cgu,
      dataNotice: t.dataNotice,
      ...(t.dataPolicy ? { dataPolicy: t.dataPolicy } : {}),
      news: t.news,
      captchaDisabled: ctx.services.captchaDisabled,
      kiosk: t.kiosk,
      /** The web offers "S’identifier avec FranceConnect" (never the kiosk). */
      franceConnect: ctx.services.franceConnect !== undefined,
    };
  }),
} satisfies TRPCRouterRecord;

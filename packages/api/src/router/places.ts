import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../trpc";
import { CommunesInput, PostalCodeInput, StreetsInput } from "./inputs";

/** A lookup in the reference data, in memory: counted in memory per device and address (abuseLimits `lookups`). */
const lookup = publicProcedure.use(async ({ ctx, next }) => {
  await ctx.services.abuse.lookup(ctx.client);
  return next();
});

export const placesRouter = {
  countries: lookup.query(({ ctx }) => ctx.services.places.countries()),
  departements: lookup.query(({ ctx }) => ctx.services.places.departements()),
  communes: lookup.input(CommunesInput).query(({ ctx, input }) => ctx.services.places.communes(input.query, input.departement)),
  postalCode: lookup.input(PostalCodeInput).query(({ ctx, input }) => ctx.services.places.postalCode(input.codePostal.trim())),
  streets: lookup.input(StreetsInput).query(({ ctx, input }) => ctx.services.places.streets(input.query, input.codePostal)),
} satisfies TRPCRouterRecord;

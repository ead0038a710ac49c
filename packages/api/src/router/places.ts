import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../trpc";
import { CommunesInput, PostalCodeInput, StreetsInput } from "./inputs";

export const placesRouter = {
  countries: publicProcedure.query(({ ctx }) => ctx.services.places.countries()),
  departements: publicProcedure.query(({ ctx }) => ctx.services.places.departements()),
  communes: publicProcedure.input(CommunesInput).query(({ ctx, input }) => ctx.services.places.communes(input.query, input.departement)),
  postalCode: publicProcedure.input(PostalCodeInput).query(({ ctx, input }) => ctx.services.places.postalCode(input.codePostal.trim())),
  streets: publicProcedure.input(StreetsInput).query(({ ctx, input }) => ctx.services.places.streets(input.query, input.codePostal)),
} satisfies TRPCRouterRecord;

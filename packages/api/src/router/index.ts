import { publicProcedure, router } from "../trpc";
import { accountRouter } from "./account";
import { flowRouter } from "./flow";
import { myspaceRouter } from "./myspace";
import { placesRouter } from "./places";
import { powRouter } from "./pow";
import { resumeRouter } from "./resume";
import { tenantRouter } from "./tenant";

export const appRouter = router({
  account: accountRouter,
  flow: flowRouter,
  myspace: myspaceRouter,
  places: placesRouter,
  pow: powRouter,
  resume: resumeRouter,
  tenant: tenantRouter,
  /** Does nothing: the transport's own cost, measured by the benchmark as the floor. */
  ping: publicProcedure.mutation(() => "pong" as const),
});
export type AppRouter = typeof appRouter;

import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@guichet/api";

/** What each procedure answers, as the router declares it: the pages never restate a server type. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** What the pages show of the local authority (`tenant.info`). */
export type TenantInfo = RouterOutputs["tenant"]["info"];

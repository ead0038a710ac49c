import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import type { AppRouter } from "@guichet/api";

/**
 * The typed tRPC client of the Guichet API; `baseUrl` is empty when the page and the API share an origin.
 * Subscriptions (live views of a flow) travel as server-sent events, the rest as plain HTTP.
 */
export function createGuichetClient(baseUrl = "") {
  const url = `${baseUrl}/trpc`;
  return createTRPCClient<AppRouter>({
    links: [splitLink({ condition: (op) => op.type === "subscription", true: httpSubscriptionLink({ url }), false: httpLink({ url }) })],
  });
}

export type GuichetClient = ReturnType<typeof createGuichetClient>;

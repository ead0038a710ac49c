import { createTRPCClient, httpLink, splitLink } from "@trpc/client";
import type { AppRouter } from "@guichet/api";
import { liveViewLink } from "./liveViewLink";

/**
 * The typed tRPC client of the Guichet API; `baseUrl` is empty when the page and the API share an origin.
 * Subscriptions (live views of a flow) travel as server-sent events opened with a single-use ticket, the rest as plain HTTP.
 */
export function createGuichetClient(baseUrl = "") {
  const url = `${baseUrl}/trpc`;
  const client: ReturnType<typeof createTRPCClient<AppRouter>> = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: liveViewLink({ url, ticket: async (token) => (await client.flow.watchTicket.mutate({ token })).ticket }),
        false: httpLink({ url }),
      }),
    ],
  });
  return client;
}

export type GuichetClient = ReturnType<typeof createGuichetClient>;

import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "@guichet/api";

/** The typed tRPC client of the Guichet API; `baseUrl` is empty when the page and the API share an origin. */
export function createGuichetClient(baseUrl = "") {
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${baseUrl}/trpc` })] });
}

export type GuichetClient = ReturnType<typeof createGuichetClient>;

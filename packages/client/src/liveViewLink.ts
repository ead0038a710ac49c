import { httpSubscriptionLink, type TRPCLink } from "@trpc/client";
import type { AppRouter } from "@guichet/api";

/** What a live view's subscription carries in its context: the flow it follows (never sent in a URL). */
export interface LiveViewContext {
  readonly flowToken: string;
}

type SubscriptionOptions<E extends EventSourceLike> = Parameters<typeof httpSubscriptionLink<AppRouter, E>>[0];
type EventSourceLike = NonNullable<Parameters<typeof httpSubscriptionLink>[0]["EventSource"]>;

/**
 * Live views over server-sent events without the flow's token in any URL: each (re)connection first asks
 * for a fresh single-use ticket by POST (`ticket`), and opens the stream with it as a connection parameter.
 * The token comes from the subscription's context (`{ context: { flowToken } }`).
 */
export function liveViewLink<E extends EventSourceLike = typeof EventSource>(
  opts: Omit<SubscriptionOptions<E>, "connectionParams"> & { readonly ticket: (token: string) => Promise<string> },
): TRPCLink<AppRouter> {
  const { ticket, ...link } = opts;
  return (runtime) =>
    ({ op, next }) => {
      const token = (op.context as Partial<LiveViewContext>).flowToken;
      const connectionParams = async () => {
        // A ticket that could not be had is refused by the server, which ends the view instead of retrying forever.
        const fresh = token ? await ticket(token).catch(() => "") : "";
        return { ticket: fresh };
      };
      return httpSubscriptionLink<AppRouter, E>({ ...link, connectionParams } as SubscriptionOptions<E>)(runtime)({ op, next });
    };
}

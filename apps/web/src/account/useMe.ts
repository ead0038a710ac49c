import { useCallback, useEffect, useSyncExternalStore } from "react";
import type { GuichetClient } from "@guichet/client";
import { useGuichet } from "@guichet/ui";

export type Me = Awaited<ReturnType<GuichetClient["account"]["me"]["query"]>>;

// One answer for the whole page: the home's panel and Mon espace agree on who is logged in.
let current: Me | undefined;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const set = (me: Me) => {
  current = me;
  for (const l of listeners) l();
};

/** The logged-in citizen's espace: undefined while asked, null when nobody is logged in. */
export function useMe() {
  const { client } = useGuichet();
  const me = useSyncExternalStore(subscribe, () => current);
  const refresh = useCallback(async () => {
    set(await client.account.me.query().catch(() => null));
  }, [client]);
  useEffect(() => {
    if (current === undefined) void refresh();
  }, [refresh]);
  return { me, refresh, replace: set };
}

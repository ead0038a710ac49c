import { createContext, useContext, type ReactNode } from "react";
import type { GuichetClient } from "@guichet/client";
import type { TenantInfo } from "./TenantInfo";

export interface GuichetContextValue {
  readonly client: GuichetClient;
  readonly tenant: TenantInfo | null;
  /** False on a shared kiosk: the browser must not offer to remember anything. */
  readonly autofill: boolean;
  /** A shared touch screen (the kiosk): nothing to pick from the device's files. */
  readonly kiosk?: boolean;
}

const Context = createContext<GuichetContextValue | null>(null);

export function GuichetProvider(props: GuichetContextValue & { readonly children: ReactNode }) {
  const { children, ...value } = props;
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useGuichet(): GuichetContextValue {
  const value = useContext(Context);
  if (!value) throw new Error("useGuichet needs a <GuichetProvider>");
  return value;
}

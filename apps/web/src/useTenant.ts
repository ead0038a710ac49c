import { useEffect, useState } from "react";
import type { GuichetClient } from "@guichet/client";
import type { TenantInfo } from "@guichet/ui";

/** The tenant's name, contacts, colours and texts; its colour becomes the pages' --primary. */
export function useTenant(client: GuichetClient): TenantInfo | null {
  const [tenant, setTenant] = useState<TenantInfo | null>(null);
  useEffect(() => {
    let live = true;
    client.tenant.info.query().then(
      (info) => {
        if (!live) return;
        setTenant(info);
        if (/^#[0-9a-f]{3,8}$/i.test(info.primaryColor)) document.documentElement.style.setProperty("--primary", info.primaryColor);
      },
      () => undefined, // the pages still work without the tenant's texts; the flow's own calls report failures
    );
    return () => {
      live = false;
    };
  }, [client]);
  return tenant;
}

/** What the pages show of the local authority: the router's `tenant.info` answer, never restated here. */
export type { TenantInfo } from "@guichet/client";

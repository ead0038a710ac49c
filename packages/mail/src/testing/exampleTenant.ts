import type { Tenant } from "../Tenant.js";

/** The first tenant, CCPLM (its name, phone and address as its portal's header shows them), for tests and the bench. */
export const exampleTenant: Tenant = {
  name: "Communauté de communes Piège Lauragais Malepère",
  phone: "04 68 76 69 40",
  email: "jeunesse@ccplm.fr",
  primaryColor: "#1d4f91",
  publicUrl: "https://guichet.ccplm.example/",
};

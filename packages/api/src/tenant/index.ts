export * from "./Tenant";
export * from "./ccplm";
export * from "./loadTenant";

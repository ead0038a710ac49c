export * from "./abuseLimits";
export * from "./abuseMessages";
export * from "./abuseGuard";
export * from "./requestThrottle";
export * from "./memoryThrottle";
export * from "./limitedAddress";

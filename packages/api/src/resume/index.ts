export * from "./resumeCode";
export * from "./resumeMessages";
export * from "./resumeService";
export * from "./resumeThrottle";

export * from "./FlowEvents";
export * from "./inProcessFlowEvents";
export * from "./watchFlow";
export * from "./postgresFlowEvents";
export * from "./liveHub";
export * from "./watchTickets";

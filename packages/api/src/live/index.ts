export * from "./FlowEvents";
export * from "./inProcessFlowEvents";
export * from "./watchFlow";
export * from "./postgresFlowEvents";

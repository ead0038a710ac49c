export * from "./entities";
export * from "./engine";
export * from "./config";
export * from "./openDatabase";
export * from "./flowStore";
export * from "./toDate";
export * from "./accountPhoto";
export * from "./flowRecovery";

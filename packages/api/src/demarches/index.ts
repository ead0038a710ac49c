export * from "./completion";
export * from "./messages";
export * from "./mySpaceDemarches";

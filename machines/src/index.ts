export * from "./registration";
export * from "./kiosk";

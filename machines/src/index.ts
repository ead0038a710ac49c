export * from "./registration";
export * from "./kiosk";
export * from "./changeContacts";
export * from "./accountChange";
export * from "./deleteAccount";

export { citizens, type Citizen } from "./citizens";
export { franceConnectClaims, startFranceConnectDev, type DevClient, type DevProvider, type DevProviderOptions } from "./provider";
export { signInAs } from "./signInAs";

import { fileURLToPath } from "node:url";

/**
 * The first tenant's streets: 3,442 voies and lieux-dits of the 38 communes of the CCPLM, from
 * « DGFiP – fichier FANTOIR, novembre 2015 » (Licence Ouverte / Etalab), in BAN CSV format.
 */
export const ccplmStreetsFile: string = fileURLToPath(new URL("../data/ccplm-voies-fantoir-2015.csv", import.meta.url));

import type { GuichetClient } from "@guichet/client";

export interface Country {
  readonly code: string;
  readonly name: string;
}
export interface Departement {
  readonly code: string;
  readonly nom: string;
}
export interface Commune {
  readonly code: string;
  readonly nom: string;
  readonly departement: string;
  readonly codesPostaux: ReadonlyArray<string>;
}
export interface Street {
  readonly nomVoie: string;
  readonly label: string;
  readonly codeInsee: string;
  readonly nomCommune: string;
  readonly codePostal: string;
}

export interface Places {
  countries(): Promise<ReadonlyArray<Country>>;
  departements(): Promise<ReadonlyArray<Departement>>;
  communes(query: string, departement?: string): Promise<ReadonlyArray<Commune>>;
  postalCode(codePostal: string): Promise<ReadonlyArray<Commune>>;
  streets(query: string, codePostal?: string): Promise<ReadonlyArray<Street>>;
}

const cache = new WeakMap<GuichetClient, Places>();

/** The reference lists, fetched once per page for the long ones that never change. */
export function placesOf(client: GuichetClient): Places {
  const known = cache.get(client);
  if (known) return known;
  let countries: Promise<ReadonlyArray<Country>> | undefined;
  let departements: Promise<ReadonlyArray<Departement>> | undefined;
  const forget = <T>(p: Promise<T>, reset: () => void) => p.catch((e: unknown) => (reset(), Promise.reject(e)));
  const places: Places = {
    countries: () => (countries ??= forget(client.places.countries.query(), () => (countries = undefined))),
    departements: () => (departements ??= forget(client.places.departements.query(), () => (departements = undefined))),
    communes: (query, departement) => client.places.communes.query(departement ? { query, departement } : { query }),
    postalCode: (codePostal) => client.places.postalCode.query({ codePostal }),
    streets: (query, codePostal) => client.places.streets.query(codePostal ? { query, codePostal } : { query }),
  };
  cache.set(client, places);
  return places;
}

/**
 * Fictional citizens of the local provider, with FranceConnect's identité pivot as FranceConnect
 * sends it: `family_name` is the birth name, `preferred_username` the name in use (empty when it is
 * the birth name), `birthplace` the INSEE code of the commune of birth (empty when born abroad),
 * `birthcountry` the INSEE code of the country (99100 for France).
 */
export interface Citizen {
  readonly sub: string;
  readonly given_name: string;
  readonly family_name: string;
  readonly preferred_username: string;
  readonly birthdate: string;
  readonly gender: "male" | "female";
  readonly birthplace: string;
  readonly birthcountry: string;
  readonly email: string;
  /** Shown on the login page only. */
  readonly description: string;
}

export const citizens: readonly Citizen[] = [
  {
    sub: "fc-dev-marc-boyet",
    given_name: "Marc",
    family_name: "BOYET",
    preferred_username: "",
    birthdate: "1975-05-01",
    gender: "male",
    birthplace: "95500",
    birthcountry: "99100",
    email: "marc.boyet@example.fr",
    description: "né le 1er mai 1975 à Pontoise (Val-d’Oise)",
  },
  {
    sub: "fc-dev-amina-benali",
    given_name: "Amina Sofia",
    family_name: "BENALI",
    preferred_username: "MARTIN",
    birthdate: "1988-11-23",
    gender: "female",
    birthplace: "",
    birthcountry: "99350",
    email: "amina.martin@example.fr",
    description: "née le 23 novembre 1988 au Maroc, nom d’usage MARTIN",
  },
  {
    sub: "fc-dev-camille-durand",
    given_name: "Camille",
    family_name: "DURAND",
    preferred_username: "",
    birthdate: "1990-02-14",
    gender: "female",
    birthplace: "74011",
    birthcountry: "99100",
    email: "camille.durand@example.fr",
    description: "née le 14 février 1990 à Annecy-le-Vieux, fusionnée dans Annecy en 2017 (code INSEE historique)",
  },
  {
    sub: "fc-dev-jean-inconnu",
    given_name: "Jean",
    family_name: "LIEUINCONNU",
    preferred_username: "",
    birthdate: "1960-07-14",
    gender: "male",
    birthplace: "00000",
    birthcountry: "99100",
    email: "jean.lieuinconnu@example.fr",
    description: "commune de naissance au code INSEE inconnu (cas d’erreur)",
  },
];

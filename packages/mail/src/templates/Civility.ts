/** The civilité asked at the IDENTITÉ step. */
export type Civility = "Madame" | "Monsieur";

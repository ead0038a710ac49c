/** A street (voie) or lieu-dit of a commune, as the address step proposes it. */
export interface Street {
  /** The name exactly as the source file writes it ("AVENUE GEN DE GAULLE"). */
  readonly nomVoie: string;
  /** What a list shows: the name and its commune ("RUE DE LA POSTE — Bram"). */
  readonly label: string;
  readonly codeInsee: string;
  readonly nomCommune: string;
  readonly codePostal: string;
}

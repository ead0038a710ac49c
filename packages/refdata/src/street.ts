/** A street (voie) or lieu-dit of a commune, as the address step proposes it. */
export interface Street {
  /** The name exactly as the source file writes it ("AVENUE GEN DE GAULLE"). */
  readonly nomVoie: string;
  /** What a list shows: the name as people write it, its commune and postal code ("Rue de la Poste — Bram (11150)"). */
  readonly label: string;
  readonly codeInsee: string;
  readonly nomCommune: string;
  readonly codePostal: string;
}

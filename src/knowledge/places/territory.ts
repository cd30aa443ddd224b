/** The four levels of French local government a place can be. */
export const TERRITORY_KINDS = ["commune", "epci", "departement", "region"] as const;
export type TerritoryKind = (typeof TERRITORY_KINDS)[number];

/**
 * A French territory, as the official geographic code names it: a commune
 * (or a municipal arrondissement of Paris, Lyon or Marseille) by its INSEE
 * code, an EPCI by its SIREN, a département ("74", "2A", "974") or a région
 * ("84") by its code.
 */
export interface Territory {
  readonly kind: TerritoryKind;
  readonly code: string;
  readonly name: string;
}

/** A place found in a text. */
export interface PlaceMention {
  /** Offsets in the text, `end` excluded. */
  start: number;
  end: number;
  /** The text between them, as written. */
  text: string;
  /** What it may be, most populous first (several communes share a name): at most {@link MAX_CANDIDATES}. */
  territories: Territory[];
  /** Found by its name, a postal code (the communes it serves) or a code (a département's number, an INSEE code). */
  via: "name" | "postcode" | "code";
}

/** How many territories a mention lists at most. */
export const MAX_CANDIDATES = 5;

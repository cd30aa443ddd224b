export { loadPlaces, type Places } from "./places.js";
export type { FindOptions } from "./recogniser.js";
export {
  MAX_CANDIDATES,
  type PlaceMention,
  TERRITORY_KINDS,
  type Territory,
  type TerritoryKind,
} from "./territory.js";

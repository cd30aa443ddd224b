import { areaTranslator } from "../../i18n";
import { experience } from "../../i18n/fr/experience";

/** The experience area's messages (`i18n/fr/experience.ts`), loaded with its chunk. */
export const te = areaTranslator(experience);

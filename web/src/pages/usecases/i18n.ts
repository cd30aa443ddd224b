import { areaTranslator } from "../../i18n";
import { usecases } from "../../i18n/fr/usecases";

/** The use cases area's messages (`i18n/fr/usecases.ts`), loaded with its chunk. */
export const tu = areaTranslator(usecases);

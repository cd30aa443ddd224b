import { areaTranslator } from "../../i18n";
import { prompts } from "../../i18n/fr/prompts";

/** The library's messages (`i18n/fr/prompts.ts`), loaded with its chunk. */
export const tp = areaTranslator(prompts);

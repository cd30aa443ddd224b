import { nameKey } from "./place-names.js";

/**
 * The name keys of countries and territories abroad as French writes them
 * ("suisse", "soudan", "argentine"), from the runtime's own ICU data
 * (`Intl.DisplayNames`): several communes bear such a name, and "de Suisse"
 * is seldom about the one in Moselle. Empty where the runtime has no French
 * display names.
 */
export function countryNameKeys(): Set<string> {
  const keys = new Set<string>();
  let names: Intl.DisplayNames;
  try {
    names = new Intl.DisplayNames(["fr"], { type: "region" });
  } catch {
    return keys;
  }
  for (let first = 65; first <= 90; first++) {
    for (let second = 65; second <= 90; second++) {
      const code = String.fromCharCode(first, second);
      const name = names.of(code);
      if (name && name !== code) keys.add(nameKey(name));
    }
  }
  return keys;
}

import type { DataClass } from "../guard/index.js";
import type { DataAction, SovereigntyClass } from "../pipeline/index.js";

export type { DataAction };

/** The charter's data-class × sovereignty matrix. */
export type DataMatrix = Record<DataClass, Record<SovereigntyClass, DataAction>>;

/**
 * The default charter's matrix: public text goes anywhere; personal data
 * stays with local and sovereign hosts and reaches an extraterritorial one
 * only pseudonymised; sensitive data (article 9, offences, the social
 * security number) stays local, is pseudonymised for a sovereign host and
 * never reaches an extraterritorial one.
 */
export const DEFAULT_MATRIX: DataMatrix = {
  public: { local: "allow", sovereign: "allow", extraterritorial: "allow" },
  personal: { local: "allow", sovereign: "allow", extraterritorial: "pseudonymise" },
  sensitive: { local: "allow", sovereign: "pseudonymise", extraterritorial: "block" },
};

/** The action for a class of data sent to a class of host. */
export type DataPolicy = (dataClass: DataClass, sovereignty: SovereigntyClass) => DataAction;

export const matrixPolicy =
  (matrix: DataMatrix = DEFAULT_MATRIX): DataPolicy =>
  (dataClass, sovereignty) =>
    matrix[dataClass][sovereignty];

/** How a text may leave for a model: not at all, with its personal data masked, or as it is. */
export type DataHandling = "block" | "mask" | "clear";

/**
 * The charter's rule for a text going to a host, one decision for every way
 * out (chat turns, `/v1/embeddings`): the matrix's action for the text's
 * class; what is only *possibly* personal (a name-shaped word, a number that
 * could be a phone) is masked all the same wherever the matrix does not let
 * personal data go in clear, even in a text classed public.
 */
export function dataHandling(
  policy: DataPolicy,
  dataClass: DataClass,
  possible: boolean,
  sovereignty: SovereigntyClass,
): DataHandling {
  const action = policy(dataClass, sovereignty);
  if (action === "block") return "block";
  const masked =
    (action === "pseudonymise" && dataClass !== "public") ||
    (possible && policy("personal", sovereignty) !== "allow");
  return masked ? "mask" : "clear";
}

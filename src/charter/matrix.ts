import type { DataAction, DataClass, SovereigntyClass } from "../pipeline/index.js";

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

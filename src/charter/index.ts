export {
  type CharterPreview,
  type CharterProblem,
  type CharterRuleSection,
  charterRules,
  previewCharter,
} from "./charter.preview.js";
export { CharterRepository } from "./charter.repository.js";
export { charterRoutes } from "./charter.routes.js";
export {
  CHARTER_CATEGORIES,
  type Charter,
  CharterSchema,
  completeMatrix,
} from "./charter.schema.js";
export {
  type CharterChanged,
  CharterService,
  type CharterVersion,
  INITIAL_TEMPLATE,
  parseCharter,
} from "./charter.service.js";
export {
  type DataAction,
  type DataHandling,
  type DataMatrix,
  type DataPolicy,
  DEFAULT_MATRIX,
  dataHandling,
  matrixPolicy,
} from "./matrix.js";
export { isTemplateName, TEMPLATE_NAMES, type TemplateName, templateYaml } from "./templates.js";

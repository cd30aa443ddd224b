export {
  type BaselineInput,
  type BaselinePassage,
  type BaselineSearch,
  buildPrompt,
  runBaseline,
  searchResults,
} from "./baseline.js";
export { type CheckResult, LEGAL_CODES, runChecks } from "./checks.js";
export { exportUseCase, loadUseCase, shippedUseCases } from "./loader.js";
export {
  type Converse,
  type UseCaseForm,
  type UseCaseRun,
  UseCaseRunService,
  useCaseAssistant,
} from "./run.service.js";
export { extractiveSummary, type SummarySource } from "./summary.js";
export {
  parseTemplate,
  renderTemplate,
  TemplateError,
  type TemplateNode,
  type TemplateValues,
} from "./template.js";
export {
  FIELD_TYPES,
  type UseCase,
  type UseCaseBaseline,
  type UseCaseCheck,
  type UseCaseField,
  UseCaseSchema,
} from "./usecase.schema.js";
export { fieldValues, frenchDate } from "./values.js";

export {
  type DataAction,
  type DataMatrix,
  type DataPolicy,
  DEFAULT_MATRIX,
  matrixPolicy,
} from "./matrix.js";

import type { Recognizer } from "../entity.js";
import { personRecognizer } from "./person.js";
import { sensitiveRecognizer } from "./sensitive.js";

/** Every recognizer the guard runs, one per family of personal data. */
export const DEFAULT_RECOGNIZERS: readonly Recognizer[] = [personRecognizer, sensitiveRecognizer];

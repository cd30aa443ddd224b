import type { Recognizer } from "../entity.js";
import { addressRecognizer } from "./address.js";
import { birthdateRecognizer } from "./birthdate.js";
import { cardRecognizer } from "./card.js";
import { emailRecognizer } from "./email.js";
import { fiscalIdRecognizer } from "./fiscal-id.js";
import { ibanRecognizer } from "./iban.js";
import { idDocRecognizer } from "./id-doc.js";
import { ipRecognizer } from "./ip.js";
import { nirRecognizer } from "./nir.js";
import { personRecognizer } from "./person.js";
import { phoneRecognizer } from "./phone.js";
import { plateRecognizer } from "./plate.js";
import { sensitiveRecognizer } from "./sensitive.js";
import { sirenSiretRecognizer } from "./siren-siret.js";

/** Every recognizer the guard runs, one per family of personal data. */
export const DEFAULT_RECOGNIZERS: readonly Recognizer[] = [
  nirRecognizer,
  ibanRecognizer,
  cardRecognizer,
  fiscalIdRecognizer,
  sirenSiretRecognizer,
  emailRecognizer,
  phoneRecognizer,
  ipRecognizer,
  plateRecognizer,
  idDocRecognizer,
  birthdateRecognizer,
  addressRecognizer,
  personRecognizer,
  sensitiveRecognizer,
];

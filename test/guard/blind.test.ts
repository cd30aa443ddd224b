/**
 * The personal-data guard against the blind corpus (test/guard/blind/):
 * French texts written by people who had only the entity definitions
 * (DEFINITIONS.md), never the recognizers. `dev/` may be read to improve the
 * guard; `holdout/` is never read while tuning: its scores are printed,
 * never its texts.
 *
 * Both operating points are scored: `egress` (what leaves for a model,
 * recall first) against the issue's targets, `documents` (knowledge bases,
 * precision first).
 *
 * node --import tsx --test test/guard/blind.test.ts
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { EntityType } from "../../src/guard/entity.js";
import {
  DEFAULT_RECOGNIZERS,
  PseudonymTable,
  pseudonymise,
  type ScanPurpose,
  scanText,
} from "../../src/guard/index.js";
import { problems } from "./blind/check.js";
import { type BlindPart, type BlindText, loadBlind } from "./blind/load.js";
import type { LabelledText } from "./corpus.js";
import { type Evaluation, evaluate, formatEvaluation, formatMisses } from "./evaluation.js";

const parts: Record<BlindPart, BlindText[]> = {
  dev: loadBlind("dev"),
  holdout: loadBlind("holdout"),
};

/** The blind texts in the shape the evaluation reads (clean ones as `clean`). */
const labelled = (texts: readonly BlindText[]): LabelledText[] =>
  texts.map((text) => ({
    id: text.id,
    category: text.kind,
    genre: text.register as LabelledText["genre"],
    text: text.text,
    entities: text.entities,
  }));

const scores = new Map<string, Evaluation>();
function scored(part: BlindPart, purpose: ScanPurpose): Evaluation {
  const key = `${part}:${purpose}`;
  let evaluation = scores.get(key);
  if (!evaluation) {
    evaluation = evaluate(labelled(parts[part]), (text) =>
      scanText(text, DEFAULT_RECOGNIZERS, { purpose }),
    );
    scores.set(key, evaluation);
  }
  return evaluation;
}

/** The issue's targets, on the way out to a model (recall first). */
const RECALL_TARGETS: readonly (readonly [EntityType, number])[] = [
  ["NIR", 0.97],
  ["IBAN", 0.97],
  ["CARD", 0.97],
  ["EMAIL", 0.97],
  ["PHONE", 0.97],
  ["PERSON", 0.92],
  ["ADDRESS", 0.92],
  ["SENSITIVE", 0.85],
];
const PERSONAL_TEXTS_TARGET = 0.98;
const CLEAN_FLAGGED_MAX = 0.05;

/**
 * Where the held-out texts fall short of a target, what they measured when
 * the shortfall was recorded (docs/benchmarks.md): the test holds that line,
 * so that a change making things worse fails, and says the target is not
 * reached. A shortfall is removed once the target is met.
 */
const HOLDOUT_SHORTFALLS: Readonly<Record<string, number>> = {};

/** The most values of the dev part, and of the held-out part, that may leave in clear. */
const LEAKED_MAX: Record<BlindPart, number> = { dev: 0.005, holdout: 0.01 };

/**
 * What would reach a model classed `extraterritorial` under the default
 * charter: a sensitive text is blocked (nothing leaves); any other is sent
 * with what the guard found (certain and possible) replaced by placeholders.
 * A value "leaks" when it is still there, written as labelled.
 */
function leaks(texts: readonly BlindText[]): { values: number; leaked: string[]; blocked: number } {
  let values = 0;
  let blocked = 0;
  const leaked: string[] = [];
  for (const text of texts.filter((each) => each.kind === "personal")) {
    const result = scanText(text.text, DEFAULT_RECOGNIZERS, { purpose: "egress" });
    const identifying = text.entities.filter((label) => label.type !== "SENSITIVE");
    values += identifying.length;
    if (result.dataClass === "sensitive") {
      blocked += 1;
      continue;
    }
    const sent = pseudonymise(text.text, result.entities, new PseudonymTable()).text;
    for (const label of identifying) {
      const value = text.text.slice(label.start, label.end);
      if (sent.includes(value)) leaked.push(`${text.id} ${label.type}`);
    }
  }
  return { values, leaked, blocked };
}

describe("blind corpus: the corpus itself", () => {
  it("holds 400 texts or more, a quarter of them held out, ids unique, check digits valid", () => {
    const all = [...parts.dev, ...parts.holdout];
    assert.ok(all.length >= 400, `${all.length} texts`);
    assert.ok(parts.holdout.length >= all.length / 4, `${parts.holdout.length} held out`);
    assert.deepEqual(problems(all), []);
    for (const part of ["dev", "holdout"] as const) {
      const kinds = new Set(parts[part].map((text) => text.kind));
      assert.deepEqual([...kinds].sort(), ["clean", "personal"], part);
    }
  });
});

for (const part of ["dev", "holdout"] as const) {
  describe(`blind corpus, ${part}: the guard against the targets`, () => {
    it("prints what would leave in clear for a foreign model", () => {
      const { values, leaked, blocked } = leaks(parts[part]);
      console.log(
        `Corpus aveugle / blind corpus — ${part}: ${leaked.length} valeur(s) identifiante(s) sur ${values} en clair vers un modèle extraterritorial (${((100 * leaked.length) / Math.max(values, 1)).toFixed(1)} %), ${blocked} texte(s) sensible(s) bloqué(s)${part === "dev" && leaked.length > 0 ? ` — ${leaked.join(", ")}` : ""}`,
      );
      assert.ok(values > 0);
      assert.ok(
        leaked.length <= LEAKED_MAX[part] * values,
        `${leaked.length}/${values} in clear, more than ${LEAKED_MAX[part] * 100} %`,
      );
    });

    it("prints the scores at both operating points", () => {
      for (const purpose of ["egress", "documents"] as const) {
        const evaluation = scored(part, purpose);
        console.log(
          [
            "",
            `Corpus aveugle / blind corpus — ${part} (${parts[part].length} textes), ${purpose}`,
            formatEvaluation(evaluation),
            // The held-out texts are never shown: only their scores.
            ...(part === "dev" ? ["", formatMisses(evaluation)] : []),
            "",
          ].join("\n"),
        );
      }
    });

    const row = (type: EntityType) =>
      scored(part, "egress").types.find((score) => score.type === type);
    /** The target, or on the held-out part the level recorded where the target is not reached. */
    const line = (key: string, target: number) =>
      (part === "holdout" ? HOLDOUT_SHORTFALLS[key] : undefined) ?? target;
    for (const [type, target] of RECALL_TARGETS) {
      const floor = line(`recall:${type}`, target);
      const name =
        floor === target
          ? `egress: recall of ${type} ≥ ${target}`
          : `egress: recall of ${type} ≥ ${floor} (target ${target} not reached)`;
      it(name, () => {
        const score = row(type);
        assert.ok(score && score.expected > 0, `no ${type} in ${part}`);
        assert.ok(
          score.recall >= floor,
          `${type} recall ${score.recall.toFixed(3)} (${score.truePositives}/${score.expected})`,
        );
      });
    }

    it(`egress: texts with personal data are flagged (≥ ${PERSONAL_TEXTS_TARGET})`, () => {
      const { right, total, share } = scored(part, "egress").personalDetected;
      assert.ok(share >= PERSONAL_TEXTS_TARGET, `${right}/${total} = ${share.toFixed(3)}`);
    });

    for (const purpose of ["egress", "documents"] as const) {
      const most = line(`clean:${purpose}`, CLEAN_FLAGGED_MAX);
      const name =
        most === CLEAN_FLAGGED_MAX
          ? `${purpose}: clean texts are flagged at most ${CLEAN_FLAGGED_MAX * 100} % of the time`
          : `${purpose}: clean texts are flagged at most ${most * 100} % of the time (target ${CLEAN_FLAGGED_MAX * 100} % not reached)`;
      it(name, () => {
        const { right, total } = scored(part, purpose).cleanPublic;
        const flagged = (total - right) / total;
        assert.ok(flagged <= most, `${total - right}/${total} = ${flagged.toFixed(3)}`);
      });
    }
  });
}

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FIXTURES } from "../../../test/http/usecase-values.js";
import { AppError } from "../../shared/errors.js";
import { runBaseline } from "./baseline.js";
import { shippedUseCases } from "./loader.js";
import { runBaselineOffLoop } from "./threaded-baseline.js";

const catalogue = shippedUseCases();
const get = (id: string) => {
  const useCase = catalogue.get(id);
  assert.ok(useCase, id);
  return useCase;
};

describe("baselines run off the event loop", () => {
  it("give in their thread the same text as here, for each kind that works through the text", async () => {
    for (const id of ["deliberation", "marche-public", "langage-clair", "permission-voirie"]) {
      const values = FIXTURES[id]?.values;
      const here = await runBaseline(get(id), { values });
      const there = await runBaselineOffLoop(get(id), { values });
      assert.equal(there, here, id);
    }
  });

  it("bring back the error a user would see, in French, with its code", async () => {
    await assert.rejects(
      () => runBaselineOffLoop(get("deliberation"), { values: { objet: "Subvention" } }),
      (error) =>
        error instanceof AppError &&
        error.code === "usecase_fields_missing" &&
        /Collectivité/.test(error.message),
    );
  });

  it("stop a baseline past its time budget", async () => {
    await assert.rejects(
      () =>
        runBaselineOffLoop(
          get("langage-clair"),
          // A text at the form's largest: its lint takes far longer than the budget, every time.
          {
            values: {
              ...(FIXTURES["langage-clair"]?.values as Record<string, unknown>),
              texte:
                "Nonobstant les dispositions susvisées, le dossier afférent doit être transmis. ".repeat(
                  600,
                ),
            },
          },
          { timeoutMs: 1, memoryMb: 64 },
        ),
      (error) => error instanceof AppError && error.code === "usecase_baseline_timeout",
    );
  });
});

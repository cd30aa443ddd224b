import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { csvCell, csvText } from "./csv.js";

describe("CSV", () => {
  it("quotes a cell holding a separator, a quote or a line break, doubling its quotes", () => {
    assert.equal(csvCell("a,b"), '"a,b"');
    assert.equal(csvCell("a;b"), '"a;b"');
    assert.equal(csvCell('dit "oui"'), '"dit ""oui"""');
    assert.equal(csvCell("deux\nlignes"), '"deux\nlignes"');
    assert.equal(csvCell("simple"), "simple");
    assert.equal(csvCell(null), "");
  });

  it("neutralises a text a spreadsheet would run as a formula, never a number", () => {
    for (const formula of ["=SOMME(A1:A9)", "+1", "-1+2", "@cmd", "\tx", "\rx"])
      assert.equal(csvCell(formula).replace(/^"/, "").startsWith("'"), true, formula);
    assert.equal(csvCell(-0.5), "-0.5");
    assert.equal(csvCell(12), "12");
  });

  it("writes lines with CRLF ends, the last one too", () => {
    assert.equal(
      csvText([
        ["a", "b"],
        [1, null],
      ]),
      "a,b\r\n1,\r\n",
    );
  });
});

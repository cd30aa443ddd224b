import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { GroundingPassage } from "../pipeline/index.js";
import { extractiveAnswer } from "./answer.js";
import { questionAsks } from "./asks.js";
import { answerExcerpts, quoteText } from "./extract.js";

const passage = (
  id: string,
  title: string,
  text: string,
  score: number,
  section = title,
): GroundingPassage => ({
  passageId: id,
  documentId: `doc-${title}`,
  knowledgeBaseId: "kb",
  knowledgeBaseName: "Accueil",
  fileName: `${id}.md`,
  title,
  section,
  page: null,
  score,
  text,
});

const townHall = [
  passage(
    "tips",
    "Mairie : horaires et contacts",
    "- L'entrée accessible se situe côté parking.\n- Le parking de la Mairie est en zone bleue (1 h 30).\n- Pour écrire au maire : Mairie, 1 place de la Mairie.",
    9,
    "Mairie : horaires et contacts > Bon à savoir",
  ),
  passage(
    "hours",
    "Mairie : horaires et contacts",
    "L'hôtel de ville accueille le public au 1, place de la Mairie.\n\nHoraires d'ouverture\n- Du lundi au vendredi : 8 h 30 – 12 h et 13 h 30 – 17 h 30.\n- Le samedi : 9 h – 12 h.\n\nStandard\n- Téléphone : 01 23 45 67 89.",
    8,
  ),
  passage("pool", "Piscine", "Horaires\n- Lundi : 12 h – 14 h\n- Mardi : fermé", 5),
];

describe("answer excerpts", () => {
  it("quotes the opening hours, under their heading, for a question about the town hall's hours", () => {
    const [first] = answerExcerpts("quels sont les horaires de la mairie ?", townHall);
    assert.equal(first?.passage.passageId, "hours");
    const heading = first?.lines.indexOf("Horaires d'ouverture :") ?? -1;
    assert.ok(heading >= 0, first?.lines.join("|"));
    assert.deepEqual(first?.lines.slice(heading, heading + 3), [
      "Horaires d'ouverture :",
      "- Du lundi au vendredi : 8 h 30 – 12 h et 13 h 30 – 17 h 30.",
      "- Le samedi : 9 h – 12 h.",
    ]);
  });

  it("keeps a list as a list in the answer's text", () => {
    const output = extractiveAnswer("horaires de la mairie le samedi", {
      knowledgeBaseIds: ["kb"],
      passages: townHall,
      confidence: 1,
      abstained: false,
    });
    assert.match(
      output.text,
      /« Horaires d'ouverture :\n- Du lundi.*\n- Le samedi : 9 h – 12 h\. » \[1\]/,
    );
    assert.equal(output.citations[0]?.passageId, "hours");
  });

  it("quotes the phone number for a question asking how to reach a service", () => {
    const [first] = answerExcerpts("c quoi le numero de tel de la mairie", townHall);
    assert.ok(
      first?.lines.some((line) => line.includes("01 23 45 67 89")),
      first?.lines.join("|"),
    );
  });

  it("reads what a question asks for from its words", () => {
    assert.deepEqual(
      questionAsks("combien ça coûte ?").map((ask) => ask.terms),
      [["cout"]],
    );
    assert.equal(questionAsks("horaires mairie")[0]?.unit.test("9 h – 12 h"), true);
    assert.deepEqual(questionAsks("la piscine ou la médiathèque"), []);
  });

  it("runs sentences on and puts list items on their own lines", () => {
    assert.equal(
      quoteText(["Une phrase.", "Une autre.", "Liste :", "- un", "- deux", "Après."]),
      "Une phrase. Une autre.\nListe :\n- un\n- deux\nAprès.",
    );
  });
});

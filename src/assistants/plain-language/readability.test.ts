import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AppError } from "../../shared/errors.js";
import { MAX_TEXT_LENGTH, measure, sentences, words } from "./index.js";
import { countSyllables } from "./syllables.js";

const close = (actual: number | null, expected: number) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`);

const cut = (text: string) => sentences(text).map((span) => text.slice(span.start, span.end));

describe("readability measures, against values computed by hand", () => {
  it("measures two short sentences", () => {
    // Sentences: 2. Words: Le, chat, dort, Il, fait, beau = 6, one syllable each = 6.
    // Letters: 2 + 4 + 4 + 2 + 4 + 4 = 20.
    // Kandel–Moles: 207 − 1.015 × 6/2 − 73.6 × 6/6 = 207 − 3.045 − 73.6 = 130.355.
    const { measures } = measure("Le chat dort. Il fait beau.");
    assert.equal(measures.sentences, 2);
    assert.equal(measures.words, 6);
    assert.equal(measures.syllables, 6);
    assert.equal(measures.letters, 20);
    close(measures.wordsPerSentence, 3);
    close(measures.syllablesPerWord, 1);
    close(measures.lettersPerWord, 20 / 6);
    close(measures.readingEase, 130.355);
    assert.equal(measures.band, "very_easy");
    assert.equal(measures.bandLabel, "très facile");
  });

  it("measures an administrative sentence pair, mute endings included", () => {
    // 1: La 1, commune 2 (o, u; final e mute), publie 2 (u, ie), une 1, information 4
    //    (i, o, a, io), importante 3 (i, o, a; final e mute) = 6 words, 13 syllables.
    // 2: Ils 1, doivent 1 (oi; -ent mute after « ils »), remplir 2, le 1, formulaire 3
    //    (o, u, ai; final e mute), avant 2, lundi 2 = 7 words, 12 syllables.
    // Letters: 2+7+6+3+11+10 = 39 and 3+7+7+2+10+5+5 = 39, 78 in all.
    // 207 − 1.015 × 13/2 − 73.6 × 25/13 = 207 − 6.5975 − 141.538461… = 58.864038…
    const { measures } = measure(
      "La commune publie une information importante. Ils doivent remplir le formulaire avant lundi.",
    );
    assert.deepEqual(
      [measures.sentences, measures.words, measures.syllables, measures.letters],
      [2, 13, 25, 78],
    );
    close(measures.wordsPerSentence, 6.5);
    close(measures.syllablesPerWord, 25 / 13);
    close(measures.readingEase, 207 - 6.5975 - 1840 / 13);
    assert.equal(measures.band, "fairly_difficult");
    assert.equal(measures.bandLabel, "assez difficile");
  });

  it("counts an abbreviation, a decimal number and a lone initial", () => {
    // One sentence: M 1 (no vowel: one at least), Dupont 2, paie 1 (aie), 3,5 1 (a number),
    // euros 2 (eu, o) = 5 words, 7 syllables. 207 − 1.015 × 5 − 73.6 × 7/5 = 98.885.
    const { measures } = measure("M. Dupont paie 3,5 euros.");
    assert.deepEqual([measures.sentences, measures.words, measures.syllables], [1, 5, 7]);
    close(measures.readingEase, 98.885);
  });

  it("measures one word, and nothing in an empty text", () => {
    // Bonjour: o, ou = 2 syllables. 207 − 1.015 × 1 − 73.6 × 2 = 58.785.
    const one = measure("Bonjour").measures;
    assert.deepEqual([one.sentences, one.words, one.syllables], [1, 1, 2]);
    close(one.readingEase, 58.785);
    for (const text of ["", "  \n\n ", "… — »"]) {
      const { measures } = measure(text);
      assert.deepEqual(
        [measures.sentences, measures.words, measures.readingEase, measures.band],
        [0, 0, null, null],
        JSON.stringify(text),
      );
      assert.equal(measures.passiveShare, 0);
      assert.equal(measures.wordsPerSentence, 0);
    }
  });

  it("counts syllables by the documented rules", () => {
    const cases: [string, number][] = [
      ["commune", 2],
      ["publique", 2],
      ["guide", 1],
      ["payer", 2],
      ["crayon", 2],
      ["naïf", 2],
      ["Noël", 2],
      ["année", 2],
      ["pièces", 1],
      ["le", 1],
      ["être", 1],
      ["peut-être", 2],
      ["l'administration", 5],
      ["moment", 2],
      ["style", 1],
    ];
    for (const [word, expected] of cases) assert.equal(countSyllables(word), expected, word);
    assert.equal(countSyllables("doivent"), 2, "-ent counted when the subject is unknown");
    assert.equal(countSyllables("doivent", true), 1, "-ent mute after « ils »");
    assert.equal(countSyllables("étaient", true), 2, "a vowel before -ent: nothing to take off");
  });
});

describe("sentences and words", () => {
  it("does not end a sentence at an abbreviation, a decimal or an article number", () => {
    assert.deepEqual(
      cut(
        "M. le Maire a signé (art. 3). Le taux passe de 2.5 à 3 %. Vu l'article L. 2121-29 du CGCT, le conseil décide.",
      ),
      [
        "M. le Maire a signé (art. 3).",
        "Le taux passe de 2.5 à 3 %.",
        "Vu l'article L. 2121-29 du CGCT, le conseil décide.",
      ],
    );
    assert.deepEqual(cut("Dossier n° 12 reçu. Voir p. 4 et Mme Martin."), [
      "Dossier n° 12 reçu.",
      "Voir p. 4 et Mme Martin.",
    ]);
  });

  it("reads ellipses, French quotes and questions", () => {
    assert.deepEqual(cut("Il attend… Puis il part. Il hésite... puis part."), [
      "Il attend…",
      "Puis il part.",
      "Il hésite... puis part.",
    ]);
    assert.deepEqual(cut("Il dit : « Venez demain. » Nous venons. Quoi ? dit-il. Oui !"), [
      "Il dit : « Venez demain. »",
      "Nous venons.",
      "Quoi ? dit-il.",
      "Oui !",
    ]);
  });

  it("cuts at blank lines and list items, not at a wrapped line", () => {
    assert.deepEqual(cut("Le dossier est\ncomplet et signé"), ["Le dossier est\ncomplet et signé"]);
    assert.deepEqual(
      cut("Documents à fournir :\n- une facture\n• un relevé\n1) un avis\n\nMerci de votre envoi"),
      [
        "Documents à fournir :",
        "- une facture",
        "• un relevé",
        "1) un avis",
        "Merci de votre envoi",
      ],
    );
    assert.equal(measure("Pièces :\n- une facture\n- un avis").measures.sentences, 3);
  });

  it("counts numbers and elided or hyphenated words as one word each", () => {
    assert.deepEqual(
      words("Les 2 500 habitants d'aujourd'hui, peut-être 1er au 3,5 %").map((w) => w.text),
      ["Les", "2 500", "habitants", "d'aujourd'hui", "peut-être", "1er", "au", "3,5"],
    );
  });
});

describe("passive voice and long sentences", () => {
  it("finds « être » followed by a participle, not the look-alikes", () => {
    // 4 sentences, 1 passive (with its agent « par ») → share 1/4.
    const { measures, sentences: measured } = measure(
      "Le dossier est transmis par la mairie. Nous répondons vite. Elle s'est inscrite. Il est arrivé hier.",
    );
    assert.equal(measures.passiveSentences, 1);
    close(measures.passiveShare, 0.25);
    const passive = measured[0]?.passive;
    assert.ok(passive);
    assert.equal(passive.agent, true);
    const text = "Le dossier est transmis par la mairie.";
    assert.equal(text.slice(passive.auxiliary.start, passive.auxiliary.end), "est");
    assert.equal(text.slice(passive.participle.start, passive.participle.end), "transmis");
    const verdicts = [
      ["La demande a été refusée.", true],
      ["Les pièces ne sont pas encore reçues.", true],
      ["Votre aide sera versée chaque mois.", true],
      ["Le service est gratuit.", false],
      ["Le formulaire est sur le site.", false],
      ["Ils se sont inscrits.", false],
      ["Elle est née à Lyon.", false],
    ] as const;
    for (const [sentence, passiveExpected] of verdicts) {
      assert.equal(measure(sentence).measures.passiveSentences === 1, passiveExpected, sentence);
    }
  });

  it("flags sentences above the long-sentence length, 25 words unless told", () => {
    const long = `Mot${" mot".repeat(25)}.`;
    const short = `Mot${" mot".repeat(24)}.`;
    const { measures, sentences: measured } = measure(`${long} ${short}`);
    assert.equal(measures.longSentenceWords, 25);
    assert.equal(measures.longSentences, 1);
    assert.deepEqual(
      measured.map((s) => [s.words, s.long]),
      [
        [26, true],
        [25, false],
      ],
    );
    assert.equal(
      measure("Le chat dort. Il fait beau.", { longSentenceWords: 2 }).measures.longSentences,
      2,
    );
    assert.equal(
      measure("Le chat dort. Il fait beau.", { longSentenceWords: 3 }).measures.longSentences,
      0,
    );
  });
});

describe("size bound", () => {
  it("refuses a text above the limit with a stable code, and measures one at the limit", () => {
    assert.equal(MAX_TEXT_LENGTH, 100_000);
    const atLimit = "Le chat dort. ".repeat(MAX_TEXT_LENGTH / 14 + 1).slice(0, MAX_TEXT_LENGTH);
    assert.equal(atLimit.length, MAX_TEXT_LENGTH);
    assert.ok(measure(atLimit).measures.sentences > 7000);
    assert.throws(
      () => measure(`${atLimit}.`),
      (error: unknown) =>
        error instanceof AppError &&
        error.code === "plain_language_text_too_long" &&
        error.status === 413 &&
        /100000 caractères/.test(error.message),
    );
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractMinutes, findDeadline, minutesMarkdown, readTranscript } from "./index.js";

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Notes of a municipal committee, as a secretary types them during the meeting. */
const NOTES = `Commission cadre de vie — réunion du 12 mars 2025
Présents : Claire Martin (adjointe), Paul Leroy, Sophie Bernard (DST)

Claire Martin : Nous avons examiné les trois devis pour la réfection du préau.
Il est décidé de retenir l'offre de l'entreprise Durand.
Paul Leroy : Rien n'est décidé pour le parking, on attend l'étude.
Sophie Bernard : je me charge de transmettre le bon de commande d'ici vendredi.
Claire Martin : La DST doit préparer le planning des travaux pour le 2 avril.

Décisions :
- Le calendrier des travaux d'été
- Fermeture du préau pendant les vacances

Actions :
- Relancer le bureau de contrôle (Qui : Paul Leroy) avant fin juin
- Informer les familles par courrier la semaine prochaine

Questions en suspens :
- Le financement du parking reste à trouver
- Éclairage de la cour : à revoir avec le SDE`;

describe("minutes baseline", () => {
  it("finds decisions, actions with who and when, open questions and participants", async () => {
    const { turns } = await readTranscript(utf8(NOTES), "notes.txt");
    const minutes = extractMinutes(turns, { meetingDate: "2025-03-12" });
    assert.deepEqual(minutes.participants, ["Claire Martin", "Paul Leroy", "Sophie Bernard"]);
    assert.deepEqual(
      minutes.decisions.map((decision) => decision.text),
      [
        "Il est décidé de retenir l'offre de l'entreprise Durand.",
        "Le calendrier des travaux d'été",
        "Fermeture du préau pendant les vacances",
      ],
    );
    assert.deepEqual(
      minutes.actions.map(({ text, who, when, whenText }) => ({ text, who, when, whenText })),
      [
        {
          text: "je me charge de transmettre le bon de commande d'ici vendredi.",
          who: "Sophie Bernard",
          when: "2025-03-14",
          whenText: "d'ici vendredi",
        },
        {
          text: "La DST doit préparer le planning des travaux pour le 2 avril.",
          who: "La DST",
          when: "2025-04-02",
          whenText: "pour le 2 avril",
        },
        {
          text: "Relancer le bureau de contrôle avant fin juin",
          who: "Paul Leroy",
          when: "2025-06-30",
          whenText: "avant fin juin",
        },
        {
          text: "Informer les familles par courrier la semaine prochaine",
          who: undefined,
          when: undefined,
          whenText: undefined,
        },
      ],
    );
    assert.deepEqual(
      minutes.questions.map((question) => question.text),
      [
        "Rien n'est décidé pour le parking, on attend l'étude.",
        "Le financement du parking reste à trouver",
        "Éclairage de la cour : à revoir avec le SDE",
      ],
    );
    // The source points back to the turn and its line.
    assert.deepEqual(minutes.decisions[0]?.source, { turn: 2, line: 4, speaker: "Claire Martin" });
  });

  it("counts no decision where a negation undoes the cue", () => {
    const turns = [
      { text: "Rien n'est décidé à ce stade.", line: 1 },
      { text: "Le projet n'est pas validé par le bureau.", line: 2 },
      { text: "Le bureau ne décide pas ce soir.", line: 3 },
      { text: "Le bureau valide le projet.", line: 4 },
    ];
    const minutes = extractMinutes(turns);
    assert.deepEqual(
      minutes.decisions.map((decision) => decision.source.line),
      [4],
    );
    assert.deepEqual(
      minutes.questions.map((question) => question.source.line),
      [1, 2, 3],
    );
  });

  it("keeps deadlines as written without a meeting date, and works them out with one", () => {
    assert.deepEqual(findDeadline("à rendre d'ici vendredi", null, true), {
      text: "d'ici vendredi",
    });
    assert.deepEqual(findDeadline("à rendre pour le 12 mars 2025", null, true), {
      text: "pour le 12 mars 2025",
      when: "2025-03-12",
    });
    const meeting = new Date(Date.UTC(2025, 11, 15)); // a Monday in December
    assert.deepEqual(findDeadline("pour le 10 janvier", meeting, true), {
      text: "pour le 10 janvier",
      when: "2026-01-10",
    });
    assert.equal(findDeadline("sous quinzaine", meeting, true)?.when, "2025-12-30");
    assert.equal(findDeadline("d'ici vendredi", meeting, true)?.when, "2025-12-19");
    assert.equal(findDeadline("avant le 15/01", meeting, true)?.when, "2026-01-15");
    assert.equal(findDeadline("dans 3 semaines", meeting, true)?.when, "2026-01-05");
    assert.equal(findDeadline("d'ici septembre", meeting, true)?.when, "2026-09");
    assert.equal(findDeadline("la réunion du 12 mars", meeting, true), null);
  });

  it("renders French minutes with the actions as a Qui / Quoi / Quand table", async () => {
    const { turns } = await readTranscript(utf8(NOTES), "notes.txt");
    const minutes = extractMinutes(turns, { meetingDate: "2025-03-12" });
    const markdown = minutesMarkdown(minutes, {
      title: "Commission cadre de vie",
      meetingDate: "2025-03-12",
    });
    assert.match(markdown, /^# Compte rendu — Commission cadre de vie\n/);
    assert.match(markdown, /\*Réunion du mercredi 12 mars 2025\*/);
    assert.match(markdown, /sans modèle d'IA/);
    assert.match(markdown, /## Participants\n\n- Claire Martin\n- Paul Leroy\n- Sophie Bernard\n/);
    assert.match(
      markdown,
      /## Décisions\n\n1\. Il est décidé de retenir l'offre de l'entreprise Durand\.\n/,
    );
    assert.match(markdown, /\| Qui \| Quoi \| Quand \|\n\| --- \| --- \| --- \|\n/);
    assert.match(
      markdown,
      /\| Sophie Bernard \| je me charge de transmettre le bon de commande d'ici vendredi\. \| vendredi 14 mars 2025 \|/,
    );
    assert.match(markdown, /\| À désigner \| Informer les familles/);
    assert.match(markdown, /## Questions ouvertes\n\n- Rien n'est décidé/);
    const empty = minutesMarkdown({ decisions: [], actions: [], questions: [], participants: [] });
    assert.equal(empty.match(/Aucune relevée\./g)?.length, 4);
    const injected = minutesMarkdown({
      decisions: [{ text: "Voir [ici](javascript:alert(1)) | <b>", source: { turn: 0, line: 1 } }],
      actions: [],
      questions: [],
      participants: [],
    });
    assert.match(injected, /Voir \\\[ici\\\]\(javascript:alert\(1\)\) \\\| \\<b\\>/);
  });

  it("stays bounded on a long run of cues and names, cut by the reader", async () => {
    const text = `Paul : ${"Paul doit ".repeat(20_000)}valider. ${"d'ici ".repeat(20_000)}`;
    const { turns, truncated } = await readTranscript(utf8(text), "x.txt");
    assert.equal(truncated, true);
    const minutes = extractMinutes(turns);
    assert.equal(minutes.actions.length, 1);
    assert.equal(minutes.actions[0]?.who, "Paul");
    assert.ok((minutes.actions[0]?.text.length ?? 0) <= 20_001);
  });
});

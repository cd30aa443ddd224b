import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildDocx } from "../../../test/fixtures/documents/builders.js";
import { DEFAULT_TRANSCRIPT_LIMITS, readTranscript, TranscriptRejected } from "./index.js";

const utf8 = (text: string) => new TextEncoder().encode(text);
const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const paragraph = (text: string, style = "") =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ""}${run(text)}</w:p>`;

describe("meeting transcript reader", () => {
  it("reads WebVTT cues: timings, voices, Name: lines, NOTE blocks and tags dropped", async () => {
    const vtt = [
      "WEBVTT - Commission travaux",
      "",
      "NOTE transcription automatique, relue par le secrétariat",
      "",
      "1",
      "00:00:01.500 --> 00:00:05.000",
      "<v.chair Claire Martin>Bonjour à tous, <i>on commence</i> &amp; on finit à midi.</v>",
      "",
      "00:01:02.000 --> 00:01:06.000 align:start",
      "Paul Leroy: Je me charge de relancer l'entreprise.",
      "",
      "01:00:00.250 --> 01:00:03.000",
      "<v Claire Martin><b>Le devis est validé.</b>",
      "",
    ].join("\n");
    const transcript = await readTranscript(utf8(vtt), "reunion.vtt");
    assert.equal(transcript.format, "vtt");
    assert.deepEqual(transcript.turns, [
      {
        speaker: "Claire Martin",
        start: 1.5,
        text: "Bonjour à tous, on commence & on finit à midi.",
        line: 5,
      },
      { speaker: "Paul Leroy", start: 62, text: "Je me charge de relancer l'entreprise.", line: 9 },
      { speaker: "Claire Martin", start: 3600.25, text: "Le devis est validé.", line: 12 },
    ]);
  });

  it("reads text notes: stamps, speakers, wrapped lines, bullets under their section", async () => {
    const notes = [
      "Réunion de la commission voirie",
      "Présents : Claire Martin, Paul Leroy",
      "",
      "[00:12:03] Claire Martin : Le point sur les travaux rue Haute.",
      "Le chantier a pris du retard.",
      "Paul Leroy: l'entreprise attend",
      "",
      "Actions :",
      "- Relancer l'entreprise",
      "  avant vendredi",
      "2) Préparer le budget",
      "Action : transmettre le plan",
    ].join("\n");
    const { format, turns } = await readTranscript(utf8(notes), "notes.txt");
    assert.equal(format, "text");
    assert.deepEqual(turns, [
      { text: "Réunion de la commission voirie", line: 1 },
      { text: "Présents : Claire Martin, Paul Leroy", line: 2 },
      {
        speaker: "Claire Martin",
        start: 723,
        text: "Le point sur les travaux rue Haute. Le chantier a pris du retard.",
        line: 4,
      },
      { speaker: "Paul Leroy", text: "l'entreprise attend", line: 6 },
      { text: "Relancer l'entreprise avant vendredi", line: 9, bullet: true, section: "Actions" },
      { text: "Préparer le budget", line: 11, bullet: true, section: "Actions" },
      { text: "Action : transmettre le plan", line: 12, section: "Actions" },
    ]);
  });

  it("reads a DOCX through the document parsers: headings, list items, paragraphs", async () => {
    const body = [
      paragraph("Décisions", "Titre1"),
      paragraph("Le conseil approuve le plan de financement.", "Listepuces"),
      paragraph("Claire Martin : je transmets la convention."),
    ].join("");
    const transcript = await readTranscript(buildDocx(body), "cr.docx");
    assert.equal(transcript.format, "docx");
    assert.deepEqual(transcript.turns, [
      {
        text: "Le conseil approuve le plan de financement.",
        line: 2,
        bullet: true,
        section: "Décisions",
      },
      {
        speaker: "Claire Martin",
        text: "je transmets la convention.",
        line: 3,
        section: "Décisions",
      },
    ]);
  });

  it("refuses empty, oversized, binary and broken files with a code", async () => {
    const code = async (bytes: Uint8Array, name: string) =>
      readTranscript(bytes, name, { ...DEFAULT_TRANSCRIPT_LIMITS, maxTextBytes: 1000 }).then(
        () => "read",
        (error: unknown) => (error instanceof TranscriptRejected ? error.code : String(error)),
      );
    assert.equal(await code(new Uint8Array(), "a.txt"), "empty_transcript");
    assert.equal(await code(utf8("\n\n  \n"), "a.txt"), "empty_transcript");
    assert.equal(await code(utf8("a".repeat(1001)), "a.txt"), "too_large");
    assert.equal(await code(new Uint8Array([0x41, 0, 0x42]), "a.txt"), "unsupported_type");
    assert.equal(await code(utf8("PK\u0003\u0004 pas une archive"), "cr.docx"), "corrupt_file");
  });

  it("stays bounded on crafted input: long lines, many cues, unclosed and nested tags", async () => {
    const limits = { ...DEFAULT_TRANSCRIPT_LIMITS, maxTurns: 1000, maxTurnCharacters: 5000 };
    const longLine = `Claire Martin : ${"<b>mot ".repeat(50_000)}${"<".repeat(400_000)}`;
    const long = await readTranscript(
      utf8(`WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n${longLine}\n`),
      "x.vtt",
      limits,
    );
    assert.equal(long.truncated, true);
    assert.equal(long.turns.length, 1);
    assert.ok((long.turns[0]?.text.length ?? 0) <= 5001);
    const nested = `${"<v A>".repeat(50_000)}texte${"</v>".repeat(50_000)}`;
    const tags = await readTranscript(
      utf8(`WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n${nested}\n`),
      "x.vtt",
      limits,
    );
    assert.deepEqual(tags.turns, [{ speaker: "A", start: 1, text: "texte", line: 3 }]);
    const cue = "00:00:01.000 --> 00:00:02.000\nA: oui\n\n";
    await assert.rejects(
      readTranscript(utf8(`WEBVTT\n\n${cue.repeat(1001)}`), "x.vtt", limits),
      (error: unknown) => error instanceof TranscriptRejected && error.code === "too_many_turns",
    );
    const colons = await readTranscript(
      utf8(`${":".repeat(300_000)}\n${"a ".repeat(300_000)}`),
      "x.txt",
      limits,
    );
    assert.ok(colons.turns.every((turn) => turn.text.length <= 5001));
  });
});

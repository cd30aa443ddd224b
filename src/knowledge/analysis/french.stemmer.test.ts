import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { stemFrench } from "./french.stemmer.js";

function assertStems(pairs: Record<string, string>): void {
  const actual = Object.fromEntries(Object.keys(pairs).map((word) => [word, stemFrench(word)]));
  assert.deepEqual(actual, pairs);
}

describe("stemFrench", () => {
  it("conflates the forms of continuer as the Snowball vocabulary does", () => {
    assertStems({
      continu: "continu",
      continua: "continu",
      continuait: "continu",
      continuant: "continu",
      continuation: "continu",
      continue: "continu",
      continué: "continu",
      continuel: "continuel",
      continuelle: "continuel",
      continuellement: "continuel",
      continuelles: "continuel",
      continuels: "continuel",
      continuer: "continu",
      continuez: "continu",
      continuité: "continu",
      continuons: "continuon",
      contradictoire: "contradictoir",
      contraindre: "contraindr",
    });
  });

  it("conflates the words of administrative questions", () => {
    assertStems({
      allocation: "alloc",
      allocations: "alloc",
      logement: "log",
      logements: "log",
      inscription: "inscript",
      inscriptions: "inscript",
      inscrire: "inscrir",
      scolaire: "scolair",
      scolarité: "scolar",
      démarche: "démarch",
      démarches: "démarch",
      aide: "aid",
      aides: "aid",
      enfant: "enfant",
      enfants: "enfant",
      famille: "famill",
      familles: "famill",
      familial: "familial",
      familiale: "familial",
      handicap: "handicap",
      handicapé: "handicap",
      handicapés: "handicap",
      étudiant: "étudi",
      étudiante: "étudi",
      étudiants: "étudi",
      administratif: "administr",
      administrative: "administr",
      renouvellement: "renouvel",
      renouveler: "renouvel",
      identité: "ident",
      publique: "publiqu",
      élève: "élev",
      élèves: "élev",
    });
  });

  it("agrees with a sample of the Snowball French test vocabulary", () => {
    const sample = readFileSync(new URL("./snowball-french.sample.tsv", import.meta.url), "utf8");
    const pairs = sample
      .split("\n")
      .filter((line) => line !== "" && !line.startsWith("#"))
      .map((line) => line.split("\t") as [string, string]);
    assert.ok(pairs.length > 1000);
    const wrong = pairs.filter(([word, stem]) => stemFrench(word) !== stem);
    assert.deepEqual(wrong, []);
  });

  it("follows the Snowball 3 changes: -oux, -ais/-aise, and the ni, mauvais, palais exceptions", () => {
    assertStems({
      bijoux: "bijou",
      genoux: "genou",
      jaloux: "jalou",
      doux: "doux",
      français: "franc",
      française: "franc",
      japonaise: "japon",
      anglaise: "anglais",
      mauvais: "mauvais",
      palais: "palais",
      calais: "calais",
      niais: "niais",
      nier: "nier",
    });
  });

  it("marks ë and ï so that they are neither vowels for verb endings nor lost", () => {
    assertStems({
      aiguë: "aigu",
      aiguës: "aigu",
      ambiguïté: "ambigu",
      altaïque: "alta",
      amuï: "amuï",
      amuïssement: "amu",
      archaïsant: "archaïs",
      arbërisht: "arbërisht",
      naïve: "naïv",
    });
  });

  it("removes an elision written with a straight apostrophe, and lowercases its input", () => {
    assertStems({ "j'ai": "ai", "qu'il": "il", "l'école": "écol", "jusqu'alors": "jusqu'alor" });
    assert.equal(stemFrench("Allocations"), "alloc");
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { addressRecognizer } from "./address.js";

const found = (text: string) =>
  addressRecognizer.find(text).map((e) => [text.slice(e.start, e.end), e.rule]);
const lookAlikes = (text: string) =>
  (addressRecognizer.lookAlikes?.(text) ?? []).map((l) => [text.slice(l.start, l.end), l.rule]);

describe("ADDRESS recognizer", () => {
  it("finds a full address in an agent's sentence, with exact offsets and confidence", () => {
    const text = "M. Martin habite 12 bis rue des Lilas, 69003 Lyon.";
    assert.deepEqual(addressRecognizer.find(text), [
      { type: "ADDRESS", start: 17, end: 49, confidence: 0.95, rule: "address.full" },
    ]);
    assert.deepEqual(lookAlikes(text), []);
  });

  it("gives each rule its confidence", () => {
    const text = "Au 27 avenue Jean-Jaurès à Villeurbanne ; BP 45, 38000 Grenoble.";
    assert.deepEqual(
      addressRecognizer.find(text).map((e) => [e.rule, e.confidence]),
      [
        ["address.street", 0.9],
        ["address.postal-box", 0.85],
      ],
    );
  });

  it("reads the forms agents write", () => {
    const cases: [string, string[][]][] = [
      [
        "Adresse : 4, allée du Parc\n33000 Bordeaux",
        [["4, allée du Parc\n33000 Bordeaux", "address.full"]],
      ],
      [
        "3 impasse de l'Église 97400 Saint-Denis",
        [["3 impasse de l'Église 97400 Saint-Denis", "address.full"]],
      ],
      [
        "domicilié 27 avenue Jean-Jaurès à Villeurbanne",
        [["27 avenue Jean-Jaurès", "address.street"]],
      ],
      ["Courrier retourné : 12bis rue Pasteur.", [["12bis rue Pasteur", "address.street"]]],
      [
        "Elle loue le 12-14 boulevard Voltaire, 75011 Paris depuis mai.",
        [["12-14 boulevard Voltaire, 75011 Paris", "address.full"]],
      ],
      [
        "Nouvelle adresse : 5 av. Foch 42000 Saint-Étienne",
        [["5 av. Foch 42000 Saint-Étienne", "address.full"]],
      ],
      ["8 BD HAUSSMANN\n75009 PARIS", [["8 BD HAUSSMANN\n75009 PARIS", "address.full"]]],
      [
        "Il vit 15 rue du 8 Mai 1945, 69100 Villeurbanne.",
        [["15 rue du 8 Mai 1945, 69100 Villeurbanne", "address.full"]],
      ],
      ["Réside au 7 rue des lilas depuis mars.", [["7 rue des lilas", "address.street"]]],
      [
        "M. Durand, 10 rue du Général de Gaulle 59000 Lille",
        [["10 rue du Général de Gaulle 59000 Lille", "address.full"]],
      ],
      [
        "Chez Mme Petit, 22 quai de la Fosse, 44000 Nantes CEDEX 2",
        [["22 quai de la Fosse, 44000 Nantes CEDEX 2", "address.full"]],
      ],
      [
        "Famille Roux : 12 rue des Lilas, appt 4, 69003 Lyon",
        [["12 rue des Lilas, appt 4, 69003 Lyon", "address.full"]],
      ],
      [
        "Son employeur : 2 rue de la Poste, BP 12, 13001 Marseille",
        [["2 rue de la Poste, BP 12, 13001 Marseille", "address.full"]],
      ],
      [
        "3 T rue de la Paix, 97200 Fort-de-France",
        [["3 T rue de la Paix, 97200 Fort-de-France", "address.full"]],
      ],
      ["9, Place Bellecour, 69002 Lyon", [["9, Place Bellecour, 69002 Lyon", "address.full"]]],
      [
        "1 rond-point de l’Europe, 85000 La Roche-sur-Yon",
        [["1 rond-point de l’Europe, 85000 La Roche-sur-Yon", "address.full"]],
      ],
      [
        "12 rue du Dr. Roux 43000 Le Puy-en-Velay",
        [["12 rue du Dr. Roux 43000 Le Puy-en-Velay", "address.full"]],
      ],
      [
        "M. Martin\n12 rue des Lilas\n69003 Lyon\nTél. 06 12 34 56 78",
        [["12 rue des Lilas\n69003 Lyon", "address.full"]],
      ],
      ["18 cite des Fleurs", [["18 cite des Fleurs", "address.street"]]],
      ["20 rue Fesch 20000 Ajaccio", [["20 rue Fesch 20000 Ajaccio", "address.full"]]],
      [
        "Défilé au 12 place du 14 Juillet 1789 à Paris",
        [["12 place du 14 Juillet 1789", "address.street"]],
      ],
      ["Rendez-vous 12\u00a0rue des Lilas", [["12\u00a0rue des Lilas", "address.street"]]],
      // A year after a month is no street number.
      ["Marché de Noël du 22 novembre au 29 décembre 2024 place des Dominicains", []],
      ["Le 3 mai, 12 rue des Lilas, au deuxième", [["12 rue des Lilas", "address.street"]]],
    ];
    for (const [text, expected] of cases) assert.deepEqual(found(text), expected, text);
  });

  it("reads postal boxes with their postcode and commune", () => {
    // CEDEX delivers to businesses and administrations only: their address, not a person's.
    assert.deepEqual(found("BP 123 - 13001 Marseille Cedex 01"), []);
    assert.deepEqual(lookAlikes("BP 123 - 13001 Marseille Cedex 01"), [
      ["BP 123 - 13001 Marseille Cedex 01", "address.organisation"],
    ]);
    assert.deepEqual(found("Envoyer à B.P. 45, 38000 Grenoble."), [
      ["B.P. 45, 38000 Grenoble", "address.postal-box"],
    ]);
    assert.deepEqual(lookAlikes("CS 70001\n59000 Lille Cedex"), [
      ["CS 70001\n59000 Lille Cedex", "address.organisation"],
    ]);
    assert.deepEqual(found("TSA 12345 – 75012 Paris"), [
      ["TSA 12345 – 75012 Paris", "address.postal-box"],
    ]);
  });

  it("finds every address of a text", () => {
    const text =
      "Ancienne adresse : 3 rue Pasteur, 69007 Lyon. Nouvelle : 8 chemin des Vignes à Bron.";
    assert.deepEqual(found(text), [
      ["3 rue Pasteur, 69007 Lyon", "address.full"],
      ["8 chemin des Vignes", "address.street"],
    ]);
  });

  it("reads a street without a number, a lieu-dit between it and the commune", () => {
    assert.deepEqual(found("Adresse : chemin Bœuf Mort, Bois d'Olives, 97432 Saint-Pierre"), [
      ["chemin Bœuf Mort, Bois d'Olives, 97432 Saint-Pierre", "address.place"],
    ]);
    // A body's own residence is no one's address.
    assert.deepEqual(found("Il est logé en résidence Crous depuis septembre."), []);
  });

  it("keeps an invalid postcode out of the address", () => {
    assert.deepEqual(found("4 rue des Lilas 99000 Paris"), [["4 rue des Lilas", "address.street"]]);
    assert.deepEqual(found("4 rue des Lilas 00100 Paris"), [["4 rue des Lilas", "address.street"]]);
    assert.deepEqual(found("4 rue des Lilas\n\n69003 Lyon"), [
      ["4 rue des Lilas", "address.street"],
    ]);
  });

  it("returns an organisation's address introduced as such as a look-alike", () => {
    const townHall = "Écrire à la mairie, 1 place de la République, 69001 Lyon.";
    assert.deepEqual(found(townHall), []);
    assert.deepEqual(lookAlikes(townHall), [
      ["1 place de la République, 69001 Lyon", "address.organisation"],
    ]);
    const school = "Le lycée Jean Moulin, 12 avenue de la Libération";
    assert.deepEqual(found(school), []);
    assert.deepEqual(lookAlikes(school), [["12 avenue de la Libération", "address.organisation"]]);
    const cedex = "8 BD HAUSSMANN\n75009 PARIS CEDEX 09";
    assert.deepEqual(found(cedex), []);
    assert.deepEqual(lookAlikes(cedex), [[cedex, "address.organisation"]]);
    const letterhead = "Hôtel de Ville\nService état civil\nBP 7\n13001 Marseille Cedex 01";
    assert.deepEqual(found(letterhead), []);
    assert.deepEqual(lookAlikes(letterhead), [
      ["BP 7\n13001 Marseille Cedex 01", "address.organisation"],
    ]);
  });

  it("keeps a person's address when the person comes after the public place", () => {
    const agent = "Mme Martin, agent à la mairie, habite 12 rue des Lilas";
    assert.deepEqual(found(agent), [["12 rue des Lilas", "address.street"]]);
    assert.deepEqual(lookAlikes(agent), []);
    const foster = "L'enfant est placé en famille d'accueil, 3 rue des Lilas.";
    assert.deepEqual(found(foster), [["3 rue des Lilas", "address.street"]]);
    assert.deepEqual(lookAlikes(foster), []);
  });

  it("leaves streets without a number, dates, articles, amounts and counts alone", () => {
    for (const text of [
      "la rue Victor Hugo sera fermée",
      "le 12 mars",
      "article 12 du règlement",
      "12 000 euros",
      "2 places de parking",
      "3 cours de yoga par semaine",
      "il reste 1 place de libre",
      "1 chemin de fer désaffecté",
      "Le 14 Juillet place de la Bastille",
      "Conformément à l'article 3 Place Publique du règlement",
      "Ouvert de 8 h à 12 h 30, place du Marché",
      "2 avenues et 3 rues",
      "au 12 rue, sans autre précision",
      "un taux de 1,5 rue Pasteur",
      "69003 Lyon",
      "BP 123",
    ]) {
      assert.deepEqual(found(text), [], text);
      assert.deepEqual(lookAlikes(text), [], text);
    }
  });

  it("scans adversarial text without catastrophic backtracking", { timeout: 10_000 }, () => {
    const texts = [
      "1 rue ".repeat(20_000),
      `1 rue ${"Aa ".repeat(40_000)}`,
      `1${" ".repeat(100_000)}r`,
      "BP 1 ".repeat(20_000),
      `1 rue A, 69000 ${"A-a".repeat(40_000)}`,
      // A nested quantifier in a name's word would take seconds here.
      `1 rue ${"a".repeat(28)}1`,
      `1 rue ${"A".repeat(100_000)}1`,
    ];
    // Catastrophic backtracking would not end within the test's timeout; speed is the benchmark's.
    for (const text of texts) assert.ok(Array.isArray(addressRecognizer.find(text)));
  });
});

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { after, describe, it } from "node:test";
import { runIn } from "../support/cli.js";
import { freshLocation } from "../support/stores.js";

/**
 * The referent's review from the command line: create a base with its
 * setting, see what ingestion held back, release or discard it. SQLite only:
 * the API suite runs the same behaviour on both stores.
 */
describe("beffroi kb: personal data", () => {
  const location = freshLocation("sqlite");
  const env: NodeJS.ProcessEnv = {
    BEFFROI_DATA_DIR: location.dataDir,
    BEFFROI_DATABASE_URL: location.url,
    BEFFROI_LOG_LEVEL: "silent",
  };
  after(() => location.cleanup());

  const run = (...args: string[]) => runIn(location.dataDir, args, env);

  it("creates, ingests, lists, releases and discards, never printing a value", async () => {
    assert.equal((await run("direction", "add", "Ressources humaines")).code, 0);
    const refused = await run(
      "kb",
      "create",
      "Dossiers",
      "--direction",
      "Ressources humaines",
      "--personal-data",
      "chiffrer",
    );
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--personal-data « chiffrer » : valeur attendue : index/);
    assert.equal(
      (await run("kb", "create", "Dossiers", "--direction", "Ressources humaines")).code,
      0,
    );

    const file = (name: string, text: string) => {
      const full = path.join(location.dataDir, name);
      writeFileSync(full, text);
      return full;
    };
    const a = file(
      "suivi-a.md",
      "# Suivi\n\nMme Claire Vidal est en arrêt maladie. Contact : claire.vidal@mairie.example.",
    );
    const b = file(
      "suivi-b.md",
      "# Suivi\n\nM. Jean Morel demande une mutation. Contact : jean.morel@mairie.example.",
    );
    const c = file("horaires.md", "# Horaires\n\nLe service est ouvert du lundi au vendredi.");
    const ingested = await run("ingest", a, b, c, "--kb", "Dossiers");
    assert.equal(ingested.code, 0, ingested.stderr);
    assert.match(ingested.stdout, /\[quarantaine\]\tsuivi-a\.md : données personnelles \(/);
    assert.match(ingested.stdout, /\[ok\]\thoraires\.md\n/);
    assert.match(
      ingested.stdout,
      /1 fichier\(s\) ingéré\(s\), 0 inchangé\(s\), 0 en échec, 2 en quarantaine/,
    );

    const listed = await run("kb", "quarantine", "Dossiers");
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /suivi-a\.md\tdonnées sensibles\t.*adresse électronique \(1\)/);
    assert.match(listed.stdout, /Mme \[PERSON\] est en \[SENSITIVE\]\. Contact : \[EMAIL\]/);
    assert.doesNotMatch(listed.stdout, /Vidal|Morel|mairie\.example/);

    const audit = await run("kb", "audit", "Dossiers");
    assert.match(audit.stdout, /« suivi-a\.md » est en quarantaine/);
    assert.doesNotMatch(audit.stdout, /Vidal|Morel|mairie\.example/);

    const badRelease = await run(
      "kb",
      "release",
      "Dossiers",
      "--document",
      "suivi-a.md",
      "--as",
      "tel-quel",
    );
    assert.equal(badRelease.code, 2);
    const released = await run(
      "kb",
      "release",
      "Dossiers",
      "--document",
      "suivi-a.md",
      "--as",
      "pseudonymise",
    );
    assert.equal(released.code, 0, released.stderr);
    assert.match(released.stdout, /Document libéré : suivi-a\.md \(pseudonymisé\)/);
    const found = await run("search", "arrêt maladie", "--kb", "Dossiers");
    assert.match(found.stdout, /suivi-a\.md/);
    assert.match(found.stdout, /\[PERSONNE_1\] est en arrêt maladie/);

    const discarded = await run("kb", "discard", "Dossiers", "--document", "suivi-b.md");
    assert.equal(discarded.code, 0, discarded.stderr);
    assert.match((await run("kb", "quarantine", "Dossiers")).stdout, /\(aucun\)/);

    const updated = await run("kb", "update", "Dossiers", "--personal-data", "index");
    assert.equal(updated.code, 0, updated.stderr);
    assert.match(
      updated.stdout,
      /Base modifiée : Dossiers \(données personnelles : indexer tel quel\)/,
    );
    assert.match(updated.stdout, /2 document\(s\) réingéré\(s\)/);
    const list = JSON.parse((await run("kb", "list", "--json")).stdout);
    assert.equal(list[0].personalData, "index");
  });
});

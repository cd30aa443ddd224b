import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { decodeVaultKey, loadVaultKey, VaultCipher } from "./vault.js";

const key = Buffer.alloc(32, 1);

describe("vault cipher", () => {
  it("seals a value so that only its key and its place open it", () => {
    const cipher = new VaultCipher(key);
    const sealed = cipher.seal("Martine Dupont", "c1/[PERSONNE_1]");
    assert.ok(!Buffer.from(sealed, "base64").toString("latin1").includes("Dupont"));
    assert.notEqual(sealed, cipher.seal("Martine Dupont", "c1/[PERSONNE_1]"), "fresh nonce");
    assert.equal(cipher.open(sealed, "c1/[PERSONNE_1]"), "Martine Dupont");
    assert.throws(() => cipher.open(sealed, "c2/[PERSONNE_1]"), "moved to another conversation");
    assert.throws(() => new VaultCipher(Buffer.alloc(32, 2)).open(sealed, "c1/[PERSONNE_1]"));
    const tampered = Buffer.from(sealed, "base64");
    tampered[tampered.length - 1] = (tampered.at(-1) ?? 0) ^ 1;
    assert.throws(() => cipher.open(tampered.toString("base64"), "c1/[PERSONNE_1]"));
  });

  it("hashes a value the same however it is written, and differently under another key", () => {
    const cipher = new VaultCipher(key);
    assert.equal(
      cipher.digest("PHONE", "06 12 34 56 78"),
      cipher.digest("PHONE", "+33 6 12 34 56 78"),
    );
    assert.notEqual(
      cipher.digest("PHONE", "06 12 34 56 78"),
      new VaultCipher(Buffer.alloc(32, 2)).digest("PHONE", "06 12 34 56 78"),
    );
  });

  it("refuses a key that is not 32 bytes", () => {
    assert.throws(() => new VaultCipher(Buffer.alloc(16)));
    assert.equal(decodeVaultKey("c2hvcnQ="), undefined);
    assert.equal(decodeVaultKey(key.toString("base64"))?.length, 32);
  });
});

describe("vault key", () => {
  it("is made once in the data folder, readable by its owner only, on a single instance", () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "beffroi-vault-")), "data");
    try {
      const made = loadVaultKey({ dataDir, shared: false });
      const file = path.join(dataDir, "vault.key");
      assert.ok(existsSync(file));
      assert.equal(statSync(file).mode & 0o777, 0o600);
      assert.deepEqual(loadVaultKey({ dataDir, shared: false }), made, "the same key next start");
      assert.equal(readFileSync(file, "utf8").trim(), made?.toString("base64"));
    } finally {
      rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  });

  it("is required from the configuration when instances share a database", () => {
    assert.equal(loadVaultKey({ dataDir: tmpdir(), shared: true }), undefined);
    assert.deepEqual(
      loadVaultKey({ vaultKey: key.toString("base64"), dataDir: tmpdir(), shared: true }),
      key,
    );
  });
});

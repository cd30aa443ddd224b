import assert from "node:assert/strict";
import { before, it } from "node:test";
import { sql } from "kysely";
import { conversationSearch, foldForSearch, searchWords } from "../../src/store/index.js";
import { describeStores } from "../support/stores.js";

const AT = "2026-03-02T09:00:00.000Z";

/** Texts as agents and models write them, and what a search must find them by. */
const CASES: [text: string, finds: string[], missedBy: string[]][] = [
  ["Déménagement du service", ["demenagement", "DEMENAG", "déménag", "Service"], ["ménage"]],
  ["À l’école, l'été", ["ecole", "a ecole", "ete"], ["lecole"]],
  ["Écrire à jean.dupont@mairie-annexe.fr", ["dupont", "mairie annexe", "jean"], ["fr dupontt"]],
  ["Un porte-monnaie perdu", ["monnaie", "porte"], ["portemonnaie"]],
  ["Le cœur de l'Œuvre", ["coeur", "cœur", "oeuvre", "ŒUVRE", "coe"], []],
  ["La Straße est fermée", ["strasse", "straße"], []],
  ["Montant : 20€, soit 12,5 %", ["20", "12"], ["20e"]],
  ["NAÏVE ÇA", ["naive", "ca"], []],
  ["e\u0301cole de'composée", ["ecole"], []],
  ["Ouverture à 12h30", ["12h30", "12h"], ["h30"]],
  ["Cartons étiquetés", ["car"], ["ca"]],
];

describeStores("conversation search in the store", (get, dialect) => {
  const owner = "5d0c8a1e-7c2b-4f7e-9a55-0c2f4b1e9d01";
  const stranger = "9e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b";

  before(async () => {
    const { db } = get();
    for (const id of [owner, stranger]) {
      await db
        .insertInto("users")
        .values({
          id,
          email: `${id}@ville.example`,
          display_name: id,
          password_hash: null,
          direction_id: null,
          oidc_issuer: null,
          oidc_subject: null,
          disabled_at: null,
          last_login_at: null,
          created_at: AT,
          updated_at: AT,
        })
        .execute();
    }
    for (const [index, [text]] of CASES.entries()) {
      for (const user of [owner, stranger]) {
        const conversation = `${user}-${index}`;
        await db
          .insertInto("conversations")
          .values({
            id: conversation,
            user_id: user,
            assistant_id: null,
            title: `Titre ${text}`,
            created_at: AT,
            updated_at: `2026-03-02T09:${String(index).padStart(2, "0")}:00.000Z`,
          })
          .execute();
        await db
          .insertInto("messages")
          .values({
            id: `${conversation}-m`,
            conversation_id: conversation,
            ordinal: 0,
            role: "user",
            content: text,
            metadata: "{}",
            created_at: AT,
          })
          .execute();
      }
    }
  });

  it("finds a text by its words, accents, case, ligatures and punctuation aside, and only the owner's", async () => {
    const search = conversationSearch(get().db);
    for (const [index, [text, finds, missedBy]] of CASES.entries()) {
      const message = `${owner}-${index}-m`;
      for (const query of finds) {
        const words = searchWords(query);
        const found = await search.messages(owner, words, 50);
        assert.ok(
          found.some((match) => match.messageId === message),
          `${dialect}: "${query}" finds "${text}"`,
        );
        assert.ok(
          found.every((match) => match.conversationId.startsWith(owner)),
          "only the owner's messages",
        );
        assert.ok(
          (await search.titles(owner, words, 50)).includes(`${owner}-${index}`),
          `${dialect}: "${query}" finds the title "Titre ${text}"`,
        );
      }
      for (const query of missedBy) {
        const found = await search.messages(owner, searchWords(query), 50);
        assert.ok(
          !found.some((match) => match.messageId === message),
          `${dialect}: "${query}" does not find "${text}"`,
        );
      }
    }
  });

  it("gives the latest first, at most as many as asked", async () => {
    const search = conversationSearch(get().db);
    const titles = await search.titles(owner, searchWords("titre"), 3);
    assert.deepEqual(
      titles,
      [10, 9, 8].map((index) => `${owner}-${index}`),
    );
    assert.equal((await search.messages(owner, searchWords("e"), 3)).length, 0);
  });

  it("follows a message's edited text and a conversation's new title", async () => {
    const { db } = get();
    const search = conversationSearch(db);
    await db
      .updateTable("messages")
      .set({ content: "Réunion du conseil municipal" })
      .where("id", "=", `${owner}-0-m`)
      .execute();
    assert.deepEqual(
      (await search.messages(owner, searchWords("conseil"), 10)).map((match) => match.messageId),
      [`${owner}-0-m`],
    );
    assert.deepEqual(await search.messages(owner, searchWords("demenagement"), 10), []);
    await db
      .updateTable("conversations")
      .set({ title: "Budget annexe" })
      .where("id", "=", `${owner}-1`)
      .execute();
    assert.deepEqual(await search.titles(owner, searchWords("budget"), 10), [`${owner}-1`]);
    assert.ok(!(await search.titles(owner, searchWords("ecole"), 10)).includes(`${owner}-1`));
  });

  it("folds on PostgreSQL exactly as in JavaScript, letter by letter (migration 0020)", async (t) => {
    if (dialect !== "postgres") return t.skip("PostgreSQL's fold function only");
    const letters: string[] = [];
    for (const [start, end] of [
      [0xc0, 0x24f],
      [0x1e00, 0x1eff],
    ] as const)
      for (let code = start; code <= end; code += 1) {
        const letter = String.fromCodePoint(code);
        if (/\p{L}/u.test(letter)) letters.push(letter);
      }
    const words = letters.map((letter) => `a${letter}b`);
    const { rows } = await sql<{ folded: string }>`
      select beffroi_search_fold(${words.join(" ")}) as folded`.execute(get().db);
    const expected = words.map((word) => foldForSearch(word).folded);
    assert.deepEqual(rows[0]?.folded.split(" "), expected);
  });
});

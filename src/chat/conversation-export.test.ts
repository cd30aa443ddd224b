import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { conversationMarkdown, exportDisposition, exportFileNames } from "./conversation-export.js";
import type { ConversationMessage } from "./conversations.service.js";

describe("conversation export", () => {
  it("names the file after the title, in UTF-8 and in ASCII", () => {
    assert.deepEqual(exportFileNames("Carte d'identité perdue"), {
      utf8: "Carte d'identité perdue.md",
      ascii: "Carte-d-identite-perdue.md",
    });
    assert.equal(
      exportDisposition("Carte d'identité perdue"),
      "attachment; filename=\"Carte-d-identite-perdue.md\"; filename*=UTF-8''Carte%20d%27identit%C3%A9%20perdue.md",
    );
  });

  it("drops what no file system takes, hidden names and quotes; an empty title is a conversation", () => {
    assert.deepEqual(exportFileNames('../"a/b"\\c:*?<>|\n\u0007d'), {
      utf8: "a b c d.md",
      ascii: "a-b-c-d.md",
    });
    assert.deepEqual(exportFileNames("   "), {
      utf8: "conversation.md",
      ascii: "conversation.md",
    });
    assert.deepEqual(exportFileNames("Ça"), { utf8: "Ça.md", ascii: "Ca.md" });
    // At most 80 characters before the extension.
    assert.equal(exportFileNames("Délibération ".repeat(20)).utf8.length, 83);
  });

  it("writes the times in Paris time, in French", () => {
    const message = (role: "user" | "assistant", createdAt: string): ConversationMessage =>
      ({ role, content: "Bonjour", createdAt, metadata: {} }) as unknown as ConversationMessage;
    const markdown = conversationMarkdown(
      "Titre",
      [
        message("user", "2026-07-14T08:05:00.000Z"),
        message("assistant", "2026-12-06T23:30:00.000Z"),
      ],
      new Set(),
    );
    // Summer: UTC+2; winter: UTC+1, past midnight in Paris.
    assert.match(markdown, /^## Agent — 14 juillet 2026 à 10:05$/m);
    assert.match(markdown, /^## Assistant \(IA\) — 7 décembre 2026 à 00:30$/m);
  });
});

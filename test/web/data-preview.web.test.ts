import assert from "node:assert/strict";
import { test } from "node:test";
import { seedUser } from "../support/apps.js";
import {
  describeBrowser,
  expectAccessible,
  signIn,
  upstreamProvider,
  waitForPage,
} from "../support/browser.js";

/**
 * Personal data shown before sending: while the agent types, the values the
 * guard finds are marked in the field itself and listed with what sending
 * would do for the chosen assistant; "Retirer" takes one out of the draft.
 * Nothing reaches the model before the agent sends.
 */
describeBrowser("web page: personal data shown before sending", (get) => {
  const upstream = upstreamProvider(get, {
    id: "outre-atlantique",
    label: "Outre-Atlantique",
    sovereignty: "extraterritorial",
    country: "USA",
  });

  test("a name and a number typed are marked in place, said pseudonymised, and one is taken out", async () => {
    await seedUser(get().app, "saisie@ville.example", ["agent"], "Accueil");
    const page = await get().page();
    await signIn(page, "saisie@ville.example");
    const field = page.getByLabel("Votre message");
    await field.fill("Rappeler Jean-Marc Dubois au 06 12 34 56 78 pour son dossier.");

    const found = page.locator(".draft-findings");
    await found.getByText(/données personnelles repérées dans votre message/).waitFor();
    await found.getByText(/pseudonymes avant l'envoi vers Outre-Atlantique — test-model/).waitFor();
    // Marked in the field itself: the layer under the text holds the values, at their place.
    const marks = page.locator(".draft-highlights mark");
    const marked = await marks.allTextContents();
    assert.ok(marked.includes("06 12 34 56 78"), marked.join(" | "));
    assert.ok(
      marked.some((value) => value.includes("Dubois")),
      marked.join(" | "),
    );
    const [fieldBox, numberBox] = await Promise.all([
      field.boundingBox(),
      marks.filter({ hasText: "06 12 34 56 78" }).boundingBox(),
    ]);
    assert.ok(fieldBox && numberBox, "both laid out");
    assert.ok(
      numberBox.x >= fieldBox.x &&
        numberBox.y >= fieldBox.y &&
        numberBox.x + numberBox.width <= fieldBox.x + fieldBox.width &&
        numberBox.y + numberBox.height <= fieldBox.y + fieldBox.height,
      "the mark lies within the field",
    );
    await expectAccessible(page, "personal data found in a draft");
    assert.equal(upstream().requests.length, 0, "nothing left for the model before sending");

    await found.getByRole("button", { name: /^Retirer « 06 12 34 56 78 »/ }).click();
    assert.equal(await field.inputValue(), "Rappeler Jean-Marc Dubois au pour son dossier.");
    await waitForPage(
      page,
      "!document.querySelector('.draft-findings').textContent.includes('06 12')",
    );
    assert.equal(
      await page.evaluate("document.activeElement.id"),
      await field.getAttribute("id"),
      "the focus goes back to the message",
    );
  });
});

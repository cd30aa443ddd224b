import { existsSync, readdirSync, readFileSync } from "node:fs";
import type { DirectionsService } from "../identity/index.js";
import type { KnowledgeService } from "./knowledge.service.js";

/** The demo documents ship with the sources, beside this file in src/ (also when running from dist/). */
export const DEMO_DIRECTORY = new URL("../../src/knowledge/demo/documents/", import.meta.url);
export const DEMO_BASE_NAME = "Accueil de la mairie (démo)";
const DEMO_DIRECTION = "Démonstration > Accueil";

/**
 * On first start (no knowledge base at all), creates the demo base — a
 * fictional commune's reception desk, readable by everyone — and queues its
 * documents, so that a fresh install answers a question out of the box.
 * Returns the base's id, or null when there was nothing to do.
 */
export async function loadDemoBase(deps: {
  knowledge: KnowledgeService;
  directions: DirectionsService;
}): Promise<string | null> {
  if ((await deps.knowledge.list("cli")).length > 0 || !existsSync(DEMO_DIRECTORY)) return null;
  const direction =
    (await deps.directions.find(DEMO_DIRECTION)) ?? (await deps.directions.add(DEMO_DIRECTION));
  const base = await deps.knowledge.create("cli", {
    name: DEMO_BASE_NAME,
    description:
      "Base de démonstration : les fiches d'accueil d'une commune fictive (état civil, écoles, déchets, aides du CCAS, urbanisme…). Supprimez-la quand vos propres bases sont prêtes.",
    ownerDirectionId: direction.id,
    readers: [{ kind: "everyone", value: "*" }],
    // Public information of a fictional commune: the scanner flags its service numbers and
    // mailboxes (public contacts, not people's data); quarantining them would empty the demo.
    personalData: "index",
  });
  const files = readdirSync(DEMO_DIRECTORY)
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => ({
      fileName: name,
      bytes: new Uint8Array(readFileSync(new URL(name, DEMO_DIRECTORY))),
    }));
  await deps.knowledge.submit("cli", base.id, files);
  return base.id;
}

import type { Services } from "../../src/app.js";
import type { Principal, Role } from "../../src/identity/index.js";
import { permissionsOf } from "../../src/identity/index.js";

/** A principal as the HTTP gate would build it, for service-level tests. */
export function principal(
  roles: Role[],
  directionPath: string | null,
  directionId: string | null = null,
): Principal {
  return {
    userId: `user-${roles.join("-")}-${directionPath ?? "none"}`,
    displayName: "Test",
    email: "test@ville.example",
    directionId,
    directionPath,
    roles,
    permissions: permissionsOf(roles),
    via: "session",
  };
}

export const markdown = (text: string) => new TextEncoder().encode(text);

/** A Markdown reception sheet of about `words` words on `topic`. */
export function sheet(title: string, sections: Record<string, string>): Uint8Array {
  return markdown(
    [
      `# ${title}`,
      ...Object.entries(sections).flatMap(([heading, body]) => [`## ${heading}`, body]),
    ].join("\n\n"),
  );
}

/** Creates a base owned by `ownerPath` (created if missing) and ingests the given files. */
export async function baseWith(
  services: Services,
  name: string,
  ownerPath: string,
  files: Record<string, Uint8Array>,
  readers: { kind: "direction" | "role" | "everyone"; value: string }[] = [],
) {
  const owner =
    (await services.directions.find(ownerPath)) ?? (await services.directions.add(ownerPath));
  const base = await services.knowledge.create("cli", {
    name,
    description: "",
    ownerDirectionId: owner.id,
    readers,
  });
  const results = await services.knowledge.submit(
    "cli",
    base.id,
    Object.entries(files).map(([fileName, bytes]) => ({ fileName, bytes })),
  );
  await services.worker.drain();
  return { base, results };
}

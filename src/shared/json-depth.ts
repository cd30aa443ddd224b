/**
 * How deep a JSON value nests, counted without recursion and stopping past
 * `limit`: a value from outside (a tool's schema, a model's arguments) may
 * nest deeper than any recursive walk of it can go.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== "object") continue;
    if (depth >= limit) return true;
    for (const item of Object.values(current)) stack.push([item, depth + 1]);
  }
  return false;
}

/** How deep the JSON Beffroi walks (tools' schemas, tool calls' arguments) may nest. */
export const MAX_JSON_DEPTH = 64;

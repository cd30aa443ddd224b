import { readFileSync } from "node:fs";

/** The charter templates ship with the sources, beside this file in src/ (also when running from dist/). */
const TEMPLATES = new URL("../../src/charter/templates/", import.meta.url);

export const TEMPLATE_NAMES = ["balanced", "strict", "experimentation"] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export const isTemplateName = (name: string): name is TemplateName =>
  (TEMPLATE_NAMES as readonly string[]).includes(name);

/** A template's YAML, as an administrator would start from it. */
export const templateYaml = (name: TemplateName): string =>
  readFileSync(new URL(`${name}.yaml`, TEMPLATES), "utf8");

import { z } from "zod";
import { type RouteDefinition, route } from "../../http/index.js";
import { WATCH_KINDS, WATCH_STATUSES, type WatchService } from "./watch.service.js";

const Params = z.object({ id: z.string().min(1).max(100) });

const WatchSourceSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  kind: z.enum(WATCH_KINDS),
  directionId: z.string().nullable(),
  directionPath: z.string().nullable(),
  intervalMinutes: z.int(),
  enabled: z.boolean(),
  status: z.enum(WATCH_STATUSES),
  statusDetail: z.string().nullable(),
  failures: z.int(),
  checkedAt: z.string().nullable(),
  nextCheckAt: z.string(),
  items: z.int(),
});

const WatchSourceWriteSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  url: z.string().trim().min(1).max(2000),
  kind: z.enum(WATCH_KINDS),
  /** From every 15 minutes to once a week. */
  intervalMinutes: z.int().min(15).max(10_080).default(360),
  directionId: z.string().min(1).max(100).nullable().optional(),
  enabled: z.boolean().optional(),
});

const WatchItemSchema = z.object({
  id: z.string(),
  sourceId: z.string(),
  sourceName: z.string(),
  title: z.string(),
  link: z.string().nullable(),
  publishedAt: z.string().nullable(),
  foundAt: z.string(),
  text: z.string(),
  topics: z.array(z.string()),
  excerpt: z.array(z.string()),
});

const ItemsQuery = z.object({
  /** A date (`2026-12-01`) or a date and time; default: seven days ago. */
  since: z.iso
    .date()
    .or(z.iso.datetime({ offset: true }))
    .optional(),
  /** Topics, separated by commas: an item matches one when it holds all of its words. */
  topics: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * The document watch: every agent sees which sources are watched and what
 * was new in them; administrators and referents of the owning direction
 * declare, change, read now and remove sources.
 */
export function watchRoutes(deps: {
  watch: WatchService;
  /** The date `since` falls back to. */
  defaultSince: () => string;
}): RouteDefinition[] {
  const { watch } = deps;
  return [
    route({
      method: "GET",
      url: "/api/watch/sources",
      summary: "Lister les sources de veille",
      tags: ["watch"],
      access: "chat",
      response: WatchSourceSchema.array(),
      handler: async () => watch.list(),
    }),
    route({
      method: "POST",
      url: "/api/watch/sources",
      summary: "Ajouter une source de veille (flux RSS/Atom ou page web)",
      tags: ["watch"],
      access: "assistants:write",
      body: WatchSourceWriteSchema,
      response: WatchSourceSchema,
      status: 201,
      handler: async ({ principal, body }) => watch.create(principal, body),
    }),
    route({
      method: "PATCH",
      url: "/api/watch/sources/:id",
      summary: "Modifier une source de veille",
      tags: ["watch"],
      access: "assistants:write",
      params: Params,
      body: WatchSourceWriteSchema.partial(),
      response: WatchSourceSchema,
      handler: async ({ principal, params, body }) => watch.update(principal, params.id, body),
    }),
    route({
      method: "DELETE",
      url: "/api/watch/sources/:id",
      summary: "Supprimer une source de veille et ses éléments",
      tags: ["watch"],
      access: "assistants:write",
      params: Params,
      status: 204,
      handler: async ({ principal, params }) => watch.remove(principal, params.id),
    }),
    route({
      method: "POST",
      url: "/api/watch/sources/:id/check",
      summary: "Lire une source de veille maintenant",
      tags: ["watch"],
      access: "assistants:write",
      params: Params,
      response: z.object({
        status: z.enum(WATCH_STATUSES),
        statusDetail: z.string().nullable(),
        newItems: z.int(),
      }),
      handler: async ({ principal, params }) => watch.checkNow(principal, params.id),
    }),
    route({
      method: "GET",
      url: "/api/watch/items",
      summary: "Les éléments de veille trouvés depuis une date, filtrés par thèmes",
      tags: ["watch"],
      access: "chat",
      query: ItemsQuery,
      response: WatchItemSchema.array(),
      handler: async ({ query }) => {
        const matches = await watch.items({
          since: query.since ? new Date(query.since).toISOString() : deps.defaultSince(),
          topics: topicList(query.topics ?? ""),
          limit: query.limit,
        });
        return matches.map(({ item, topics, excerpt }) => ({ ...item, topics, excerpt }));
      },
    }),
  ];
}

/** Topics as the page and the API send them: separated by commas or new lines. */
export const topicList = (text: string): string[] =>
  text
    .split(/[,\n;]/)
    .map((topic) => topic.trim())
    .filter(Boolean)
    .slice(0, 50);

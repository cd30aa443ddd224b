import { type RouteDefinition, route } from "../http/index.js";
import type { DirectionsService } from "./directions.service.js";
import { DirectionSchema, IdParams, NewDirectionBody } from "./identity.schema.js";

export function directionsRoutes(deps: { directions: DirectionsService }): RouteDefinition[] {
  return [
    route({
      method: "GET",
      url: "/api/directions",
      summary: "Lister les directions et services (arborescence par chemin)",
      tags: ["directions"],
      access: "authenticated",
      response: DirectionSchema.array(),
      handler: async () => deps.directions.list(),
    }),
    route({
      method: "POST",
      url: "/api/directions",
      summary: "Créer une direction (et ses parents manquants)",
      tags: ["directions"],
      access: "directory:write",
      body: NewDirectionBody,
      response: DirectionSchema,
      status: 201,
      handler: async ({ body }) => deps.directions.add(body.path),
    }),
    route({
      method: "DELETE",
      url: "/api/directions/:id",
      summary: "Supprimer une direction vide",
      tags: ["directions"],
      access: "directory:write",
      params: IdParams,
      status: 204,
      handler: async ({ params }) => deps.directions.remove(params.id),
    }),
  ];
}

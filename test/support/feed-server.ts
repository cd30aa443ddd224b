import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";

/** What one path answers. */
export interface FeedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Sent gzip-compressed (with its header). */
  gzip?: boolean;
  /** An entity tag: a request that sends it back gets 304. */
  etag?: string;
  /** Sends the headers and a first byte, then never ends (a stalled server). */
  stall?: boolean;
}

export interface FeedServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** The same server by name (`http://localhost:PORT`), which goes through name resolution. */
  namedUrl: string;
  /** Sets what a path answers from now on. */
  serve(path: string, response: FeedResponse): void;
  requests: { path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

/**
 * RSS/Atom feeds and web pages served over real HTTP on loopback, for the
 * document watch's tests: scripted bodies, statuses, redirects, entity tags,
 * compression and stalls. An unknown path is a 404.
 */
export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, FeedResponse>();
  const requests: FeedServer["requests"] = [];
  const stalled = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    const path = request.url ?? "/";
    requests.push({ path, headers: request.headers });
    const route = routes.get(path);
    if (!route) {
      response.writeHead(404).end("not found");
      return;
    }
    if (route.etag && request.headers["if-none-match"] === route.etag) {
      response.writeHead(304, { etag: route.etag }).end();
      return;
    }
    const headers: Record<string, string> = { ...route.headers };
    if (route.etag) headers.etag = route.etag;
    if (route.stall) {
      response.writeHead(route.status ?? 200, headers);
      response.write("<");
      stalled.add(response);
      response.on("close", () => stalled.delete(response));
      return;
    }
    let body = route.body === undefined ? Buffer.alloc(0) : Buffer.from(route.body);
    if (route.gzip) {
      body = gzipSync(body);
      headers["content-encoding"] = "gzip";
    }
    response.writeHead(route.status ?? 200, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    namedUrl: `http://localhost:${port}`,
    serve: (path, response) => routes.set(path, response),
    requests,
    close: async () => {
      for (const response of stalled) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An RSS 2.0 feed of these items (titles, links and HTML descriptions as given). */
export function rss(
  items: { title: string; link: string; description: string; pubDate?: string; guid?: string }[],
  title = "Actualités",
): string {
  const entries = items
    .map(
      (item) => `    <item>
      <title>${item.title}</title>
      <link>${item.link}</link>
      ${item.guid ? `<guid>${item.guid}</guid>` : ""}
      ${item.pubDate ? `<pubDate>${item.pubDate}</pubDate>` : ""}
      <description><![CDATA[${item.description}]]></description>
    </item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>${title}</title>
    <link>https://www.example.gouv.fr/</link>
${entries}
  </channel>
</rss>`;
}

// A small static file server for dist/excel-addin: the dev server (https, with the certificates
// of office-addin-dev-certs) and the task pane's browser tests (http on a free port).
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import { extname, join, normalize, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/** Serves `root`; `tls` ({ key, cert }) for https. Resolves to the listening server. */
export function serveStatic(root, { port = 0, host = "localhost", tls = null, log = () => {} } = {}) {
  const base = normalize(root.endsWith(sep) ? root : `${root}${sep}`);
  const handler = async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      let path = decodeURIComponent(url.pathname);
      if (path.endsWith("/")) path += "taskpane.html";
      const file = normalize(join(base, path));
      if (!file.startsWith(base)) {
        res.writeHead(403).end("forbidden");
        return;
      }
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        log(`404 ${path}`);
        return;
      }
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "content-length": info.size,
        "cache-control": "no-store",
        // Office loads the pane in an iframe; let it.
        "access-control-allow-origin": "*",
      });
      createReadStream(file).pipe(res);
      log(`200 ${path}`);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  };
  const server = tls ? https.createServer(tls, handler) : http.createServer(handler);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}

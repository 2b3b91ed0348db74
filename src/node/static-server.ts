import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { headersFor, parseHeadersFile } from '../core/security/csp.ts';
import { acceptedEncodings, compressedVariants } from './compression.ts';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.conf': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pagefind': 'application/octet-stream',
  '.pf_meta': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
};

export interface StaticServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/**
 * Serves a built site the way the production host must: the headers of `dist/_headers` on every
 * response (pages and Worker scripts alike), directory indexes, the 404 page. Used by `npm start`
 * and by the browser tests, so tests see the same CSP as partners.
 */
export async function serveStatic(root: string, port = 0, host = '127.0.0.1'): Promise<StaticServer> {
  const headersPath = join(root, '_headers');
  const rules = existsSync(headersPath) ? parseHeadersFile(readFileSync(headersPath, 'utf8')) : [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    const file = normalize(join(root, pathname));
    if (!file.startsWith(normalize(root + sep)) && file !== normalize(root)) {
      response.writeHead(403).end();
      return;
    }
    const headers = headersFor(url.pathname, rules);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    const stat = existsSync(file) ? statSync(file) : undefined;
    if (stat?.isDirectory() && !url.pathname.endsWith('/')) {
      response.writeHead(301, { ...headers, Location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    const target = stat?.isDirectory() ? join(file, 'index.html') : file;
    const found = existsSync(target) && statSync(target).isFile();
    const served = found ? target : join(root, '404.html');
    // The build wrote .br and .gz copies of text files (src/integrations/precompress.ts): send the best one accepted.
    const encoding = acceptedEncodings(request.headers['accept-encoding']).find((name) => existsSync(served + compressedVariants[name]));
    response.writeHead(found ? 200 : 404, {
      ...headers,
      'Content-Type': contentTypes[extname(served)] ?? 'application/octet-stream',
      'Cache-Control': /\/_astro\//.test(url.pathname) ? 'public, max-age=31536000, immutable' : 'no-cache',
      Vary: 'Accept-Encoding',
      ...(encoding ? { 'Content-Encoding': encoding } : {}),
    });
    if (request.method === 'HEAD' || !existsSync(served)) response.end();
    else createReadStream(encoding ? served + compressedVariants[encoding] : served).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    url: `http://${host}:${actualPort}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

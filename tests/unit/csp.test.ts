import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, headersFile, headersFor, nginxSnippet, parseHeadersFile, securityHeaders } from '../../src/core/security/csp.ts';

const directives = (csp: string): Record<string, string[]> => Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

describe('Content-Security-Policy', () => {
  const csp = directives(contentSecurityPolicy(['abc=', 'abc=', 'def=']));

  it('lets nothing leave for another origin and forbids eval', () => {
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['connect-src']).toEqual(["'self'"]);
    expect(csp['form-action']).toEqual(["'none'"]);
    expect(csp['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'", "'sha256-abc='", "'sha256-def='"]);
    // Only WebAssembly (Pagefind) may be compiled at run time: no directive allows evaluating strings.
    expect(Object.values(csp).flat().filter((source) => source.includes('eval'))).toEqual(["'wasm-unsafe-eval'"]);
    expect(csp['worker-src']).toBeDefined();
  });

  it('round-trips through the _headers file that the test server and hosts read', () => {
    const headers = securityHeaders(['abc=']);
    const rules = parseHeadersFile(headersFile(headers));
    expect(headersFor('/verifier/kit-de-diagnostic/', rules)).toEqual(headers);
    expect(headersFor('/_astro/kit.worker.js', rules)).toEqual(headers);
  });

  it('writes the same headers as an nginx snippet', () => {
    const snippet = nginxSnippet(securityHeaders([]));
    expect(snippet).toContain(`add_header Content-Security-Policy "${contentSecurityPolicy([])}" always;`);
    expect(snippet).toContain('add_header X-Content-Type-Options "nosniff" always;');
  });
});

// The docs site in a real browser: Debian's Chromium driven by playwright-core, against docs/site served
// on 127.0.0.1. Run with `npx nx run docs:test`, which builds the site and installs Chromium first.
//
// One crawl (beforeAll) visits every HTML page reachable from the home page and records what it saw; the
// tests then assert on that record, so a failure lists every bad page or link at once instead of stopping
// at the first.
import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const DOCS_DIR = fileURLToPath(new URL('..', import.meta.url));
const SITE_DIR = path.join(DOCS_DIR, 'site');
const ARTIFACTS_DIR = path.join(DOCS_DIR, 'site-tests', 'artifacts');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Upper bound on HTML pages visited; the site has ~130 today. Raise with DOCS_MAX_PAGES if it grows. */
const MAX_PAGES = Number(process.env['DOCS_MAX_PAGES'] ?? 1_000);
/** Pages loaded at once (the CI machines have 2 cores). */
const CONCURRENCY = 2;
/** A symbol the search box must find, and the page it must link to. */
const KNOWN_SYMBOL = 'defineWorker';
const KNOWN_SYMBOL_PAGE = /\/functions\/[^/]*defineWorker\.html$/;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

interface Reference {
  /** Page the reference is on. */
  readonly from: string;
  /** Absolute URL, hash included. */
  readonly url: string;
  /** Element and attribute, e.g. `a[href]`. */
  readonly kind: string;
}

interface VisitedPage {
  readonly url: string;
  readonly status: number | undefined;
  /** Script errors, console errors, failed or non-2xx requests seen while the page loaded. */
  readonly problems: string[];
  /** Every `id` and `a[name]` on the page, for checking `#anchor` links. */
  readonly anchors: ReadonlySet<string>;
  readonly title: string;
}

interface Crawl {
  readonly pages: Map<string, VisitedPage>;
  readonly references: Reference[];
  /** Same-origin URLs (no hash) → HTTP status of a plain GET. */
  readonly resources: Map<string, number>;
  /** Requests to anything but the local server (the site must be self-contained). */
  readonly externalRequests: Set<string>;
  /** External links found (not followed: the network is closed). */
  readonly externalLinks: Set<string>;
  /** Why the crawl stopped early, if it did. */
  readonly truncated: string | undefined;
  readonly elapsedMs: number;
}

let server: Server;
let origin: string;
let userDataDir: string;
let context: BrowserContext;
let crawl: Crawl;

beforeAll(async () => {
  const index = await stat(path.join(SITE_DIR, 'index.html')).catch(() => undefined);
  if (!index?.isFile())
    throw new Error(`${SITE_DIR}/index.html is missing; build the site with 'npm run docs'`);
  ({ server, origin } = await serveDirectory(SITE_DIR));
  userDataDir = await mkdtemp(path.join(tmpdir(), 'workscript-docs-chromium-'));
  // launchPersistentContext is how playwright takes a --user-data-dir: a new, empty one per run.
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  crawl = await crawlSite(context, origin);
});

afterAll(async () => {
  await context?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

describe('docs site', () => {
  it('crawls the whole site within its page and time bounds', () => {
    process.stdout.write(
      `crawled ${crawl.pages.size} pages, ${crawl.references.length} references to ${crawl.resources.size} ` +
        `local URLs in ${(crawl.elapsedMs / 1000).toFixed(1)} s; ${crawl.externalLinks.size} external links not followed\n`,
    );
    expect(crawl.truncated, 'the crawl stopped before visiting every page').toBeUndefined();
    // The guides and the API reference are both there.
    const paths = [...crawl.pages.keys()].map((u) => new URL(u).pathname);
    for (const expected of [
      '/index.html',
      '/documents/Getting_started.html',
      '/documents/Writing_workers.html',
      '/documents/Type_mapping.html',
      '/documents/Scheduling_work.html',
      '/documents/Bridge_protocol.html',
      '/documents/Troubleshooting.html',
      '/modules/_workscript_api.html',
    ]) {
      expect(paths, `page ${expected} was not reached from the home page`).toContain(expected);
    }
    expect(crawl.pages.size).toBeGreaterThan(50);
  });

  it('loads every page with status 200 and no script, console or request errors', () => {
    const bad = [...crawl.pages.values()]
      .filter((p) => p.status !== 200 || p.problems.length > 0)
      .map((p) => `${p.url} (status ${p.status}): ${p.problems.join('; ') || 'bad status'}`);
    expect(bad).toEqual([]);
    const untitled = [...crawl.pages.values()].filter((p) => p.title.trim() === '').map((p) => p.url);
    expect(untitled, 'pages without a <title>').toEqual([]);
  });

  it('has no broken links: every href and src resolves with 200, every #anchor exists', () => {
    const broken: string[] = [];
    for (const ref of crawl.references) {
      const url = new URL(ref.url);
      if (url.origin !== origin) continue;
      const withoutHash = stripHash(url);
      const status = crawl.resources.get(withoutHash);
      if (status !== 200) {
        broken.push(`${ref.kind} ${ref.url} on ${ref.from}: status ${status ?? 'not checked'}`);
        continue;
      }
      // Anchors only mean something on HTML pages (SVG sprite references like icons.svg#icon-x do not).
      const anchor = decodeURIComponent(url.hash.slice(1));
      const target = crawl.pages.get(withoutHash);
      if (anchor !== '' && ref.kind === 'a[href]' && target && !target.anchors.has(anchor)) {
        broken.push(`${ref.kind} ${ref.url} on ${ref.from}: no element with id '${anchor}'`);
      }
    }
    expect([...new Set(broken)]).toEqual([]);
  });

  it('is self-contained: no page requests anything outside the site', () => {
    expect([...crawl.externalRequests]).toEqual([]);
  });

  it(`finds '${KNOWN_SYMBOL}' with the search box and links to its page`, async () => {
    const page = await context.newPage();
    try {
      await page.goto(`${origin}/index.html`, { waitUntil: 'load' });
      await page.click('#tsd-search-trigger');
      await page.fill('#tsd-search-input', KNOWN_SYMBOL);
      const first = page.locator('#tsd-search-results li a').first();
      await first.waitFor({ state: 'visible', timeout: 10_000 });
      const results = await page.$$eval('#tsd-search-results li a', (links) =>
        links.map((a) => ({ text: a.textContent ?? '', href: (a as HTMLAnchorElement).href })),
      );
      const hit = results.find((r) => KNOWN_SYMBOL_PAGE.test(new URL(r.href).pathname));
      if (hit === undefined) {
        throw new Error(
          `no search result links to ${KNOWN_SYMBOL_PAGE}; results: ${JSON.stringify(results)}`,
        );
      }
      expect(hit.text).toContain(KNOWN_SYMBOL);
      const response = await page.goto(hit.href, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      expect(await page.locator('h1').first().textContent()).toContain(KNOWN_SYMBOL);

      // The guides are searchable too.
      await page.goto(`${origin}/index.html`, { waitUntil: 'load' });
      await page.click('#tsd-search-trigger');
      await page.fill('#tsd-search-input', 'Troubleshooting');
      await page.locator('#tsd-search-results li a').first().waitFor({ state: 'visible', timeout: 10_000 });
      const guideHrefs = await page.$$eval('#tsd-search-results li a', (links) =>
        links.map((a) => (a as HTMLAnchorElement).href),
      );
      expect(guideHrefs.some((h) => h.endsWith('/documents/Troubleshooting.html'))).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('saves a screenshot of the home page to docs/site-tests/artifacts/home.png', async () => {
    const page = await context.newPage();
    try {
      await page.goto(`${origin}/index.html`, { waitUntil: 'load' });
      await waitForNavigation(page);
      await mkdir(ARTIFACTS_DIR, { recursive: true });
      const file = path.join(ARTIFACTS_DIR, 'home.png');
      await page.screenshot({ path: file, fullPage: true });
      expect((await stat(file)).size).toBeGreaterThan(10_000);
    } finally {
      await page.close();
    }
  });
});

/**
 * Visits every same-origin HTML page reachable from /index.html, bounded by MAX_PAGES. There is no time budget:
 * a crawl cut short by a slow machine would fail the test for the machine, not the site (the vitest config's
 * hook timeout is the only clock).
 */
async function crawlSite(ctx: BrowserContext, siteOrigin: string): Promise<Crawl> {
  const started = Date.now();
  const pages = new Map<string, VisitedPage>();
  const references: Reference[] = [];
  const resources = new Map<string, number>();
  const externalRequests = new Set<string>();
  const externalLinks = new Set<string>();
  let truncated: string | undefined;

  // Observed rather than intercepted: routing would disable the browser's cache and slow the crawl down.
  ctx.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${siteOrigin}/`) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      externalRequests.add(url);
    }
  });

  const start = `${siteOrigin}/index.html`;
  const queue: string[] = [start];
  const seen = new Set<string>([start]);

  const visit = async (page: Page, url: string): Promise<void> => {
    const problems: string[] = [];
    const onPageError = (e: Error) => problems.push(`script error: ${e.message}`);
    const onConsole = (m: { type(): string; text(): string }) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    };
    const onRequestFailed = (r: { url(): string; failure(): { errorText: string } | null }) =>
      problems.push(`request failed: ${r.url()} (${r.failure()?.errorText ?? 'unknown'})`);
    const onResponse = (r: { url(): string; status(): number }) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
    };
    page.on('pageerror', onPageError);
    page.on('console', onConsole);
    page.on('requestfailed', onRequestFailed);
    page.on('response', onResponse);
    try {
      const response = await page.goto(url, { waitUntil: 'load', timeout: 15_000 });
      const status = response?.status();
      const contentType = response?.headers()['content-type'] ?? '';
      if (!contentType.startsWith('text/html')) {
        pages.set(url, { url, status, problems, anchors: new Set(), title: '(not HTML)' });
        return;
      }
      // The sidebar is built by typedoc's script from assets/navigation.js, the same on every page: wait for
      // it on the home page, so its links are crawled, and take the other pages as they are at `load`.
      if (url === start) {
        await waitForNavigation(page).catch(() => problems.push('navigation sidebar did not render'));
      }
      const found = await page.evaluate(() => {
        const refs: { url: string; kind: string }[] = [];
        const add = (raw: string | null, kind: string) => {
          if (raw === null || raw.trim() === '') return;
          refs.push({ url: new URL(raw, document.baseURI).href, kind });
        };
        for (const el of document.querySelectorAll('a[href]')) add(el.getAttribute('href'), 'a[href]');
        for (const el of document.querySelectorAll('link[href]')) add(el.getAttribute('href'), 'link[href]');
        for (const el of document.querySelectorAll('[src]'))
          add(el.getAttribute('src'), `${el.localName}[src]`);
        for (const el of document.querySelectorAll('use')) {
          add(el.getAttribute('href') ?? el.getAttribute('xlink:href'), 'use[href]');
        }
        const anchors = [
          ...[...document.querySelectorAll('[id]')].map((el) => el.id),
          ...[...document.querySelectorAll('a[name]')].map((el) => el.getAttribute('name') ?? ''),
        ];
        return { refs, anchors, title: document.title };
      });
      pages.set(url, { url, status, problems, anchors: new Set(found.anchors), title: found.title });
      for (const ref of found.refs) {
        references.push({ from: url, ...ref });
        const target = new URL(ref.url);
        if (target.protocol === 'mailto:' || target.protocol === 'javascript:') continue;
        if (target.origin !== siteOrigin) {
          externalLinks.add(ref.url);
          continue;
        }
        const key = stripHash(target);
        if (ref.kind === 'a[href]' && isHtmlPath(target.pathname) && !seen.has(key)) {
          seen.add(key);
          queue.push(key);
        }
      }
    } catch (e) {
      problems.push(`did not load: ${(e as Error).message.split('\n')[0]}`);
      pages.set(url, { url, status: undefined, problems, anchors: new Set(), title: '' });
    } finally {
      page.off('pageerror', onPageError);
      page.off('console', onConsole);
      page.off('requestfailed', onRequestFailed);
      page.off('response', onResponse);
    }
  };

  const workers = await Promise.all(Array.from({ length: CONCURRENCY }, () => ctx.newPage()));
  let active = 0;
  await Promise.all(
    workers.map(async (page) => {
      for (;;) {
        const next = queue.shift();
        if (next === undefined) {
          if (active === 0) return;
          await new Promise((r) => setTimeout(r, 20));
          continue;
        }
        if (pages.size + active >= MAX_PAGES) {
          truncated ??= `page limit of ${MAX_PAGES} reached (DOCS_MAX_PAGES)`;
          return;
        }
        active++;
        try {
          await visit(page, next);
        } finally {
          active--;
        }
      }
    }),
  );
  await Promise.all(workers.map((p) => p.close()));

  // Every same-origin URL referenced anywhere (pages, scripts, styles, icons, media) must answer 200.
  const local = new Set(
    references
      .map((r) => new URL(r.url))
      .filter((u) => u.origin === siteOrigin)
      .map(stripHash),
  );
  for (const url of local) {
    const visited = pages.get(url);
    resources.set(url, visited?.status ?? (await fetch(url)).status);
  }

  return {
    pages,
    references,
    resources,
    externalRequests,
    externalLinks,
    truncated,
    elapsedMs: Date.now() - started,
  };
}

async function waitForNavigation(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('#tsd-nav-container a') !== null, undefined, {
    timeout: 5_000,
  });
}

function stripHash(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = '';
  return copy.href;
}

function isHtmlPath(pathname: string): boolean {
  return pathname.endsWith('.html') || pathname.endsWith('/');
}

/** A minimal static file server for `root` on 127.0.0.1 and a random free port. */
async function serveDirectory(root: string): Promise<{ server: Server; origin: string }> {
  const base = path.resolve(root);
  const srv = createServer((req, res) => {
    void (async () => {
      try {
        let pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
        if (pathname.endsWith('/')) pathname += 'index.html';
        const file = path.resolve(base, `.${pathname}`);
        if (file !== base && !file.startsWith(base + path.sep)) {
          res.writeHead(403).end();
          return;
        }
        const body = await readFile(file);
        res.writeHead(200, {
          'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
          // Let the browser reuse assets between pages: the crawl visits every page once.
          'cache-control': 'max-age=600',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      } catch {
        // Browsers ask for /favicon.ico on their own; the site sets none, so that is not a broken link.
        if (req.url === '/favicon.ico') {
          res.writeHead(204).end();
          return;
        }
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => resolve());
  });
  const address = srv.address();
  if (address === null || typeof address === 'string') throw new Error('static server has no port');
  return { server: srv, origin: `http://127.0.0.1:${address.port}` };
}

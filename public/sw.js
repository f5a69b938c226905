// Bocal's service worker: the app starts with no network, and what it last read from the API
// shows at once and is refreshed behind (stale-while-revalidate).
//
// scripts/stamp-service-worker writes BUILD and SHELL_FILES at build time, so every build gives
// a new worker: the browser installs it beside the running one, the app offers "nouvelle version
// disponible", and the page only ever gets files of one build (each build has its own cache).

const BUILD = "__BOCAL_BUILD__";
const SHELL_FILES = ["__BOCAL_SHELL_FILES__"];

const SHELL_CACHE = `bocal-shell-${BUILD}`;
// The API answers. Raise the number when the shape of what is stored changes: the old cache is
// dropped at activation and the data is read again.
const DATA_CACHE = "bocal-data-v1";
// Size bound: the oldest answers go first beyond this many.
const DATA_LIMIT = 250;
// A page told that data changed reads it again at once: that read is served from the cache
// without asking the network a second time, if it comes within this delay.
const REREAD_MS = 5_000;
// A bad connection: past this wait, a network-first read shows the stored answer.
const SLOW_MS = 4_000;
// Answers that mean the stored one must go: no session, not allowed, no longer exists.
const GONE = [401, 403, 404, 410];
// How the page wants this read (see readThroughCache). Same name in src/app/client.rs.
const READ_MODE = "x-bocal-read";
// When the answer was stored, in ms since 1970; the app shows it in its offline banner.
const STORED_AT = "x-bocal-stored-at";

// After the app's own change (a sign-up, a new lot) cached reads may be out of date: until they
// are read again they go to the network first. Kept in memory only: if the worker was stopped
// meanwhile, the refresh behind still corrects the page a moment later.
let lastChangeAt = 0;
// URL -> when refreshBehind stored a changed answer and told the pages (see REREAD_MS).
const justRefreshed = new Map();

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL_FILES)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        const ours = name.startsWith("bocal-shell-") || name.startsWith("bocal-data-");
        if (ours && name !== SHELL_CACHE && name !== DATA_CACHE) {
          await caches.delete(name);
        }
      }
      // The very first install takes the open page at once, so it works offline from now on.
      await self.clients.claim();
    })()
  );
});

self.addEventListener("message", (event) => {
  // The person chose "Recharger" on "nouvelle version disponible".
  if (event.data === "apply-update") {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (url.pathname.startsWith("/api/")) {
    if (request.method === "GET") {
      if (isCacheable(url)) {
        event.respondWith(readThroughCache(event));
      }
    } else {
      noteChange(event);
    }
    return;
  }
  if (request.method !== "GET") {
    return;
  }
  if (request.mode === "navigate" && isServerPage(url.pathname)) {
    // Pages the server writes, not the app's: always from the network.
    return;
  }
  if (request.mode === "navigate") {
    // Every page of the app is index.html: the one of this worker's build, as a file (what the
    // server writes into `/`, the next stop, would be stale later).
    event.respondWith(fromShell("/index.html", request));
  } else if (SHELL_FILES.includes(url.pathname)) {
    event.respondWith(fromShell(url.pathname, request));
  }
});

// An e-mail's "stop these messages" page (paths::STOP_LINK_ROUTE), the printed programme and
// the widget for other sites (paths::pages::PROGRAMME, WIDGET).
function isServerPage(path) {
  return path.startsWith("/desabonnement/") || path === "/programme" || path === "/widget";
}

async function fromShell(path, request) {
  const cached = await caches.match(path, { cacheName: SHELL_CACHE });
  return cached || fetch(request);
}

// Downloads (calendar feed, CSV files, everything held on a person) are not pages' data, and
// the health check tells whether the server answers now: always fresh, never stored.
function isCacheable(url) {
  return (
    !url.pathname.endsWith(".ics") &&
    !url.pathname.startsWith("/api/v1/exports/") &&
    url.pathname !== "/api/v1/me/data" && // paths::MY_DATA
    url.pathname !== "/api/v1/health" // paths::HEALTH in src/api/paths.rs
  );
}

// A change goes to the server untouched; reads after it go to the network first.
function noteChange(event) {
  lastChangeAt = Date.now();
  // Logging in or out, or closing one's account: what the person read while logged in is
  // theirs (the server marks it "private"): erased. Public pages read before logging in stay
  // for offline use.
  const path = new URL(event.request.url).pathname;
  if (path === "/api/v1/session" || path === "/api/v1/me/close") { // paths::SESSION, MY_CLOSE
    event.waitUntil(forgetPersonalData());
  }
}

async function forgetPersonalData() {
  const cache = await caches.open(DATA_CACHE);
  for (const request of await cache.keys()) {
    const stored = await cache.match(request);
    if (!stored || (stored.headers.get("cache-control") || "").includes("private")) {
      await cache.delete(request);
    }
  }
}

// The page says how it wants a read (the READ_MODE header, set by the app's client):
// - "stale-while-revalidate" (public pages, the wallet): the stored answer at once, read again
//   behind, and the page told to re-read if it changed;
// - otherwise the network first (the team's screens, forms): the stored answer only when the
//   network fails, or after SLOW_MS on a bad connection.
async function readThroughCache(event) {
  const request = event.request;
  const cache = await caches.open(DATA_CACHE);
  const cached = await cache.match(request);
  if (!cached) {
    return fetchAndStore(cache, request);
  }
  const storedAt = Number(cached.headers.get(STORED_AT));
  const revalidate =
    request.headers.get(READ_MODE) === "stale-while-revalidate" && storedAt >= lastChangeAt;
  if (revalidate) {
    const refreshedAt = justRefreshed.get(request.url);
    justRefreshed.delete(request.url);
    if (!(refreshedAt > Date.now() - REREAD_MS)) {
      // A copy: the page reads the body of `cached` itself.
      event.waitUntil(refreshBehind(cache, request, cached.clone()));
    }
    return cached;
  }
  const fromNetwork = fetchAndStore(cache, request);
  const tooSlow = new Promise((resolve) => setTimeout(() => resolve(null), SLOW_MS));
  try {
    const response = await Promise.race([fromNetwork, tooSlow]);
    if (response) {
      return response;
    }
    event.waitUntil(fromNetwork.then(() => tellPages({ type: "data-updated" }), () => {}));
  } catch (_unreachable) {
    event.waitUntil(tellPages({ type: "unreachable" }));
  }
  return cached;
}

async function fetchAndStore(cache, request) {
  const response = await fetch(request);
  if (response.status === 200) {
    await store(cache, request, response.clone());
  }
  return response;
}

// Reads the answer again; if it changed, stores it and tells the open pages to re-read.
async function refreshBehind(cache, request, cached) {
  let response;
  try {
    response = await fetch(request);
  } catch (_unreachable) {
    await tellPages({ type: "unreachable" });
    return;
  }
  // The network answered: pages that thought they were offline learn they are not.
  await tellPages({ type: "reachable" });
  if (GONE.includes(response.status)) {
    // Gone, or no longer allowed (session over): the page reads it again and says so.
    await cache.delete(request);
    await tellPages({ type: "data-updated" });
    return;
  }
  if (response.status !== 200) {
    // The server is in trouble: what is stored stays, as when it cannot be reached.
    await tellPages({ type: "unreachable" });
    return;
  }
  const [fresh, old] = await Promise.all([response.clone().arrayBuffer(), cached.arrayBuffer()]);
  await store(cache, request, response);
  if (!sameBytes(fresh, old)) {
    justRefreshed.set(request.url, Date.now());
    await tellPages({ type: "data-updated" });
  }
}

async function store(cache, request, response) {
  const headers = new Headers(response.headers);
  headers.set(STORED_AT, String(Date.now()));
  const body = await response.arrayBuffer();
  await cache.put(request, new Response(body, { status: 200, headers }));
  const keys = await cache.keys();
  // Keys come back in insertion order, and a put moves its key to the end.
  for (const old of keys.slice(0, Math.max(0, keys.length - DATA_LIMIT))) {
    await cache.delete(old);
  }
}

function sameBytes(a, b) {
  if (a.byteLength !== b.byteLength) {
    return false;
  }
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  return x.every((byte, i) => byte === y[i]);
}

async function tellPages(message) {
  for (const client of await self.clients.matchAll({ type: "window" })) {
    client.postMessage(message);
  }
}

// Notifications (web push): the server encrypts for this browser's subscription, the browser
// decrypts, and the payload says what to show and which page a tap opens (src/server/tasks/sender.rs).
self.addEventListener("push", (event) => {
  let message = { title: "Bocal", body: "", url: "/" };
  try {
    message = { ...message, ...event.data.json() };
  } catch {
    // An empty or unreadable push still says that something changed.
  }
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      icon: "/icon-192.png",
      lang: "fr",
      data: { url: message.url },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url ?? "/", self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => client.url === url);
      return open ? open.focus() : self.clients.openWindow(url);
    }),
  );
});

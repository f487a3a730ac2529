// 守望's service worker (issue 13 point 4): the monitor's pages without signal. Scope: the whole site (served from the
// root). It keeps the shell (css, js, icons) and answers from it at once, refreshing it behind; the worklist, a
// household, its visit form and a new lead are fetched from the server while there is a network, and answered with the
// offline page (drawn by offline.js from the village's households the page put into the data cache) when there is none.
// Everything else goes to the network untouched. POSTs are never touched: the phone's queue (offline.js) sends them.
'use strict';
var VERSION = '1';
var SHELL = 'shouwang-shell-' + VERSION;
var DATA = 'shouwang-data';
var SHELL_URLS = ['/css/app.css', '/css/fieldwork.css', '/js/app.js', '/js/offline.js', '/js/offline-pages.js', '/js/visit-photo.js',
  '/webjars/htmx.org/dist/htmx.min.js', '/img/logo.svg', '/img/icon-192.png', '/img/icon-512.png', '/manifest.webmanifest'];
// the pages that work without signal, and the one that answers them then
var OFFLINE_PAGES = [/^\/visits$/, /^\/visits\/households\/\d+$/, /^\/visits\/households\/\d+\/new$/, /^\/leads\/new$/];
var OFFLINE_PAGE = '/visits/offline';
var QUEUE_PAGE = '/visits/sync';
// a page told us it has no network (navigator.onLine false): do not wait for a network that is not there
var offline = false;

self.addEventListener('install', function (e) {
  e.waitUntil(caches.open(SHELL).then(function (c) { return c.addAll(SHELL_URLS); }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf('shouwang-shell-') === 0 && k !== SHELL; })
      .map(function (k) { return caches['delete'](k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('message', function (e) {
  if (e.data && e.data.type === 'offline') offline = !!e.data.value;
  // a page the worker does not control yet (the worker was registered again after a sign-out): take it
  if (e.data && e.data.type === 'claim') self.clients.claim();
});

function shell(path) {
  return /^\/(css|js|img|webjars|vendor)\//.test(path) || path === '/manifest.webmanifest';
}

// the cached copy at once, a fresh one fetched behind it for next time
function staleWhileRevalidate(req) {
  return caches.open(SHELL).then(function (c) {
    return c.match(req, { ignoreSearch: true }).then(function (hit) {
      var fresh = fetch(req).then(function (res) {
        if (res.ok) c.put(req, res.clone());
        return res;
      });
      if (hit) { fresh['catch'](function () { /* offline: the copy did */ }); return hit; }
      return fresh;
    });
  });
}

function fromCache(url) {
  return caches.open(DATA).then(function (c) { return c.match(url); }).then(function (hit) { return hit || Response.error(); });
}

self.addEventListener('fetch', function (e) {
  var req = e.request;
  if (req.method !== 'GET') return;
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  var path = url.pathname;
  if (shell(path)) { e.respondWith(staleWhileRevalidate(req)); return; }
  if (path === '/visits/offline/households') {
    // offline.js reads the copy from the cache itself; a network answer is never kept here (offline.js puts it)
    e.respondWith(offline ? fromCache(path) : fetch(req)['catch'](function () { return fromCache(path); }));
    return;
  }
  if (req.mode !== 'navigate') return;
  var fallback = path === QUEUE_PAGE ? QUEUE_PAGE
    : OFFLINE_PAGES.some(function (p) { return p.test(path); }) ? OFFLINE_PAGE : null;
  if (!fallback) return;
  if (offline) { e.respondWith(fromCache(fallback)); return; }
  e.respondWith(fetch(req)['catch'](function () { return fromCache(fallback); }));
});

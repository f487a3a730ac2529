// 走访 without signal (issue 13 point 4). For accounts that record in the field (the page carries
// <meta name="offline-account">): registers the service worker (/sw.js), keeps the village's households on the phone,
// queues visits and leads saved without signal in IndexedDB (each with the key its form made when it opened), shows
// the count waiting in the header, and uploads the queue by itself, oldest first, on every page load and when the
// network comes back. Conflicts stay in the queue for /visits/sync. Signing out clears what the phone keeps.
// No inline script, no blob: URL (the pages' Content-Security-Policy refuses both); texts come from the page.
(function () {
  'use strict';
  var DATA = 'shouwang-data';          // the service worker's cache of the village's households and the offline page
  var HOUSEHOLDS = '/visits/offline/households';
  var DB = 'shouwang-offline', STORE = 'queue';
  var syncing = false;

  function $(sel, root) { return (root || document).querySelector(sel); }
  function fmt(t, args) { return String(t || '').replace(/\{(\d)\}/g, function (m, i) { return args[i] == null ? '' : args[i]; }); }
  function text(name) { var e = document.getElementById('offline-texts'); return e ? e.getAttribute('data-' + name) : ''; }
  function account() { var m = $('meta[name="offline-account"]'); return m ? m.content : null; }
  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16); crypto.getRandomValues(b);
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }
  // a moment as the phone's clock reads it, e.g. 2026-12-07 19:33
  function localTime(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) return String(iso || '');
    d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
    return d.toISOString().slice(0, 16).replace('T', ' ');
  }
  function today() {
    var d = new Date(); d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
    return d.toISOString().slice(0, 10);
  }

  // ---- the queue (IndexedDB) -------------------------------------------------------------------------------------
  function db() {
    return new Promise(function (ok, fail) {
      if (!window.indexedDB) { fail(new Error('no IndexedDB')); return; }
      var r = indexedDB.open(DB, 1);
      r.onupgradeneeded = function () { r.result.createObjectStore(STORE, { keyPath: 'key' }); };
      r.onsuccess = function () { ok(r.result); };
      r.onerror = function () { fail(r.error); };
    });
  }
  function tx(mode, work) {
    return db().then(function (d) {
      return new Promise(function (ok, fail) {
        var t = d.transaction(STORE, mode), out;
        var s = t.objectStore(STORE);
        out = work(s);
        t.oncomplete = function () { d.close(); ok(out && 'result' in out ? out.result : undefined); };
        t.onerror = function () { d.close(); fail(t.error); };
      });
    });
  }
  // this account's items, oldest first (another account's items on a shared phone are never shown or sent)
  function items() {
    var me = account();
    return tx('readonly', function (s) { return s.getAll(); }).then(function (all) {
      return (all || []).filter(function (i) { return i.account === me; })
        .sort(function (a, b) { return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0; });
    });
  }
  function put(item) { return tx('readwrite', function (s) { s.put(item); }); }
  function remove(key) { return tx('readwrite', function (s) { s['delete'](key); }); }

  function badge() {
    var b = document.getElementById('queue-badge');
    if (!b || !account()) return Promise.resolve([]);
    return items().then(function (list) {
      b.textContent = fmt(b.getAttribute('data-text'), [list.length]);
      b.hidden = list.length === 0;
      return list;
    }, function () { return []; });
  }

  function flash(message, warn, link) {
    var f = document.getElementById('offline-flash');
    if (!f) return;
    f.textContent = message;
    f.classList.toggle('warn', !!warn);
    if (link) {
      var a = document.createElement('a'); a.href = '/visits/sync'; a.textContent = text('queue'); f.appendChild(a);
    }
    f.hidden = false;
  }
  // a message for the next page (the form navigates after saving on the phone)
  function flashNext(message) { try { sessionStorage.setItem('offline-flash', message); } catch (e) { /* private mode */ } }

  // ---- upload ----------------------------------------------------------------------------------------------------
  function csrf() {
    var t = $('meta[name="_csrf"]'), h = $('meta[name="_csrf_header"]');
    var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    if (t && h) headers[h.content] = t.content;
    return headers;
  }
  function wire(i) {
    return { kind: i.kind, key: i.key, householdId: i.householdId, cached: i.cached, force: !!i.force,
      visit: i.visit || null, lead: i.lead || null };
  }

  /** Sends what waits (not the conflicts or refusals, unless one was just decided), oldest first; keeps the rest. */
  function sync() {
    if (syncing || !account() || !navigator.onLine) return Promise.resolve();
    syncing = true;
    return items().then(function (list) {
      var send = list.filter(function (i) { return i.status === 'waiting'; }).slice(0, 50);
      if (!send.length) return null;
      return fetch('/visits/sync', { method: 'POST', credentials: 'same-origin', headers: csrf(),
        body: JSON.stringify({ items: send.map(wire) }) }).then(function (res) {
        var type = res.headers.get('Content-Type') || '';
        if (res.redirected || res.status === 401 || res.status === 403 || type.indexOf('json') < 0) {
          flash(text('expired'), true);
          return null;
        }
        return res.json().then(function (answer) { return settle(send, answer.results || []); });
      });
    }).then(function (done) {
      syncing = false;
      if (done) report(done);
      return badge().then(function () { document.dispatchEvent(new CustomEvent('offline:synced')); });
    }, function () { syncing = false; return badge(); }); // the network failed again: everything stays
  }

  function settle(sent, results) {
    var byKey = {}, done = { stored: [], conflicts: 0, refused: 0 };
    sent.forEach(function (i) { byKey[i.key] = i; });
    return results.reduce(function (p, r) {
      var i = byKey[r.key];
      if (!i) return p;
      if (r.status === 'STORED' || r.status === 'REPLAYED') {
        done.stored.push(r.message);
        return p.then(function () { return remove(i.key); });
      }
      if (r.status === 'CONFLICT') { done.conflicts++; i.status = 'conflict'; i.conflict = r.conflict; }
      else { done.refused++; i.status = 'refused'; }
      i.message = r.message;
      i.force = false;
      return p.then(function () { return put(i); });
    }, Promise.resolve()).then(function () { return done; });
  }

  function report(done) {
    var parts = [];
    if (done.stored.length) parts.push(fmt(text('uploaded'), [done.stored.length]) + done.stored.join(' '));
    if (done.conflicts) parts.push(fmt(text('conflicts'), [done.conflicts]));
    if (done.refused) parts.push(fmt(text('refused'), [done.refused]));
    if (parts.length) flash(parts.join(' '), done.conflicts + done.refused > 0, done.conflicts + done.refused > 0);
  }

  // ---- the forms: saved on the phone when there is no network -----------------------------------------------------
  function formVisit(form) {
    var f = new FormData(form), amount = f.get('incomeChange');
    function yes(name) { return f.get(name) === 'true'; }
    return { idempotencyKey: f.get('idempotencyKey'), visitedOn: f.get('visitedOn'), companions: f.get('companions') || null,
      foundAtHome: f.get('foundAtHome') !== 'false', educationSecured: yes('educationSecured'),
      medicalSecured: yes('medicalSecured'), housingSecured: yes('housingSecured'), waterSecured: yes('waterSecured'),
      incomeTrend: f.get('incomeTrend') || 'NONE', incomeChange: amount ? Number(amount) : null,
      risks: f.getAll('risks'), note: f.get('note') || null };
  }
  function formLead(form) {
    var f = new FormData(form);
    return { description: f.get('description') || '', riskCodes: f.getAll('riskCodes') };
  }
  function keyField(form) { return form.querySelector('[data-offline-key]') || form.querySelector('[name=idempotencyKey]'); }

  /** Queues the form; where it came from: the form's data-* (the server's page) or the cached household (offline page). */
  function queueForm(form, h) {
    var kind = form.getAttribute('data-offline') === 'lead' ? 'LEAD' : 'VISIT';
    var d = form.dataset;
    var id = Number(h ? h.id : d.household);
    if (!id) { flash(text('leadNeeds') || $('#offline-page') && $('#offline-page').dataset.leadNeeds, true); return Promise.resolve(false); }
    var key = keyField(form).value || uuid();
    var item = { key: key, account: account(), kind: kind, householdId: id, label: h ? h.head : d.head,
      createdAt: new Date().toISOString(), status: 'waiting', force: false,
      cached: h ? { village: h.village, version: h.version, members: h.members, openLead: h.openLead }
        : { village: d.village || null, version: d.version ? Number(d.version) : null,
            members: d.members ? Number(d.members) : null, openLead: d.openLead ? Number(d.openLead) : null } };
    if (kind === 'VISIT') item.visit = formVisit(form); else item.lead = formLead(form);
    return put(item).then(function () {
      flashNext(text('saved'));
      location.href = '/visits/households/' + id;
      return true;
    });
  }

  function wireForm(form, household) {
    var k = keyField(form);
    // the key is made when the form opens; a form the server sent back with errors keeps the key it was sent with
    if (k && (!k.value || form.hasAttribute('data-template'))) k.value = uuid();
    form.addEventListener('submit', function (e) {
      if (navigator.onLine && !form.hasAttribute('data-template')) return; // with signal: the server's form as always
      e.preventDefault();
      if (!form.reportValidity()) return;
      queueForm(form, household);
    });
  }

  // ---- the service worker and what it keeps --------------------------------------------------------------------------
  function tellWorker(msg) {
    if (navigator.serviceWorker && navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage(msg);
  }
  function forgetData() {
    tellWorker({ type: 'offline', value: false });
    return window.caches ? caches['delete'](DATA) : Promise.resolve();
  }
  /** Keeps the offline page and this village's households for the next time there is no signal. */
  function warm() {
    if (!window.caches || !navigator.onLine) return Promise.resolve();
    return caches.open(DATA).then(function (c) {
      return Promise.all(['/visits/offline', '/visits/sync', HOUSEHOLDS].map(function (u) {
        // marked as the page's own request: a session that expired meanwhile does not make the sign-in page come
        // back to this address afterwards (Spring Security does not keep such requests to return to)
        return fetch(u, { credentials: 'same-origin', headers: { 'X-Requested-With': 'XMLHttpRequest' } }).then(function (res) {
          if (res.ok && !res.redirected) return c.put(u, res);
        }, function () { /* no network after all: keep the old copy */ });
      }));
    }).then(function () {
      try { localStorage.setItem('offline-warmed', String(Date.now())); } catch (e) { /* private mode */ }
      document.documentElement.setAttribute('data-offline-ready', '');
    });
  }

  function signOutGuard() {
    var form = $('form[action$="/logout"]');
    if (!form) return;
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      items().then(function (list) { return list; }, function () { return []; }).then(function (list) {
        if (list.length && !confirm(fmt(text('logout'), [list.length]))) return;
        // the queue's personal data and the village's households leave the phone with the account
        Promise.all(list.map(function (i) { return remove(i.key); })).then(forgetData, forgetData).then(function () {
          try { localStorage.removeItem('offline-account'); localStorage.removeItem('offline-warmed'); } catch (x) { /* */ }
          form.submit();
        });
      });
    });
  }

  function start() {
    var me = account();
    var kept = null;
    try { kept = localStorage.getItem('offline-account'); } catch (e) { /* private mode */ }
    if (!me) {
      // signed out (the sign-in page): nobody's village stays on the phone
      if (kept && window.caches) caches['delete'](DATA);
      return;
    }
    var first = kept !== me;
    var ready = Promise.resolve();
    if (first) {
      // another account used this phone before: its cached village goes (its queue stays hidden, for its owner)
      ready = forgetData().then(function () { try { localStorage.setItem('offline-account', me); } catch (e) { /* */ } });
    }
    var msg = null;
    try { msg = sessionStorage.getItem('offline-flash'); sessionStorage.removeItem('offline-flash'); } catch (e) { /* */ }
    if (msg) flash(msg);
    signOutGuard();
    var offlinePage = document.getElementById('offline-page');
    document.querySelectorAll('form[data-offline]').forEach(function (f) { if (!f.hasAttribute('data-template')) wireForm(f, null); });
    badge();
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(function () {
        return navigator.serviceWorker.ready;
      }).then(function (reg) {
        if (!navigator.serviceWorker.controller && reg && reg.active) reg.active.postMessage({ type: 'claim' });
        tellWorker({ type: 'offline', value: !navigator.onLine });
        var last = 0;
        try { last = Number(localStorage.getItem('offline-warmed') || 0); } catch (e) { /* */ }
        // the worklist (and any page after a while) refreshes the phone's copy
        if (!offlinePage && (location.pathname === '/visits' || first || Date.now() - last > 600000)) return ready.then(warm);
        document.documentElement.setAttribute('data-offline-ready', '');
      }, function () { /* no service worker (http, old browser): the queue still works on open pages */ });
    }
    ready.then(sync);
    window.addEventListener('online', function () {
      tellWorker({ type: 'offline', value: false });
      var n = document.getElementById('offline-notice');
      if (n) n.hidden = true; // the page is the phone's copy, but the network is back
      sync();
    });
    window.addEventListener('offline', function () { tellWorker({ type: 'offline', value: true }); });
  }

  // for offline-pages.js (the offline page and the queue page only: the other pages need not carry it)
  window.shouwangOffline = { $: $, fmt: fmt, account: account, items: items, put: put, remove: remove, badge: badge,
    sync: sync, wireForm: wireForm, localTime: localTime, today: today, DATA: DATA, HOUSEHOLDS: HOUSEHOLDS };

  if (document.readyState !== 'loading') start(); else document.addEventListener('DOMContentLoaded', start);
})();

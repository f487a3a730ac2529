// 走访 without signal, the two pages that are drawn on the phone (issue 13 point 4): the offline page (/visits/offline,
// which the service worker answers for the worklist, a household, its visit form and its new lead when there is no
// network) and the queue page (/visits/sync: what waits, and the conflicts with both sides and two choices). Uses what
// offline.js (loaded before it on every page) offers in window.shouwangOffline.
(function () {
  'use strict';
  var o = window.shouwangOffline;
  if (!o) return;
  var $ = o.$, fmt = o.fmt, account = o.account, items = o.items, put = o.put, remove = o.remove, badge = o.badge,
    sync = o.sync, wireForm = o.wireForm, localTime = o.localTime, today = o.today, DATA = o.DATA, HOUSEHOLDS = o.HOUSEHOLDS;

  // ---- the offline page: the worklist, a household, its visit form and its new lead from the phone's copy ----------
  function cachedHouseholds() {
    var get = window.caches ? caches.open(DATA).then(function (c) { return c.match(HOUSEHOLDS); }) : Promise.resolve(null);
    return get.then(function (res) { return res ? res.json() : null; }).then(function (data) {
      if (!data || String(data.account) !== String(account())) return null;
      var age = Date.now() - Date.parse(data.fetchedAt);
      if (age > data.maxAgeDays * 86400000) {
        // personal data is kept no longer than it is useful: old copies go
        return caches.open(DATA).then(function (c) { return c['delete'](HOUSEHOLDS); }).then(function () { return 'stale'; });
      }
      return data;
    }, function () { return null; });
  }

  function statusSpan(cls, t) { var s = document.createElement('span'); s.className = 'status ' + cls; s.textContent = t; return s; }

  function drawOffline(page) {
    var path = location.pathname, m;
    cachedHouseholds().then(function (data) {
      var problem = $('#offline-problem');
      if (!data || data === 'stale') {
        if (data === 'stale') problem.textContent = page.dataset.stale;
        problem.hidden = false;
        return;
      }
      var n = $('#offline-notice');
      n.textContent = fmt(page.dataset.notice, [localTime(data.fetchedAt)]);
      n.hidden = false;
      var byId = {};
      data.households.forEach(function (h) { h.village = data.village; h.villageName = data.villageName; byId[h.id] = h; });
      function line(h) { return fmt(page.dataset.line, [h.villageName, h.group || '—', h.members, h.kind]); }
      if ((m = path.match(/^\/visits\/households\/(\d+)\/new$/))) {
        var h = byId[m[1]];
        if (!h) { problem.textContent = page.dataset.noHousehold; problem.hidden = false; return; }
        var v = $('#offline-visit'), f = $('#visit-form');
        $('[data-slot=head]', v).textContent = fmt(page.dataset.visitHeading, [h.head]);
        $('[data-slot=line]', v).textContent = line(h);
        $('[data-slot=prefill]', v).textContent = h.prefill ? fmt(page.dataset.prefilled, [h.lastVisit]) : page.dataset.first;
        $('[data-slot=cancel]', v).href = '/visits/households/' + h.id;
        f.visitedOn.value = today(); f.visitedOn.max = today();
        if (h.prefill) {
          f.educationSecured.checked = h.prefill.edu; f.medicalSecured.checked = h.prefill.med;
          f.housingSecured.checked = h.prefill.house; f.waterSecured.checked = h.prefill.water;
          f.companions.value = h.prefill.companions || '';
          Array.prototype.forEach.call(f.incomeTrend, function (r) { r.checked = r.value === h.prefill.trend; });
        }
        wireForm(f, h);
        v.hidden = false;
      } else if ((m = path.match(/^\/visits\/households\/(\d+)$/))) {
        var c = byId[m[1]], card = $('#offline-card');
        if (!c) { problem.textContent = page.dataset.noHousehold; problem.hidden = false; return; }
        $('[data-slot=head]', card).textContent = c.head;
        $('[data-slot=line]', card).textContent = line(c);
        var st = $('[data-slot=standing]', card); st.className = 'status ' + c.standingClass; st.textContent = c.standing;
        $('[data-slot=due]', card).textContent = c.dueOn ? fmt(page.dataset.due, [c.dueOn]) : '';
        $('#new-visit').href = '/visits/households/' + c.id + '/new';
        $('#new-lead').href = '/leads/new?household=' + c.id;
        items().then(function (list) {
          var here = list.filter(function (i) { return i.householdId === c.id; }).length;
          var w = $('[data-slot=waiting]', card);
          if (here) { w.textContent = fmt(page.dataset.waiting, [here]); w.hidden = false; }
        });
        card.hidden = false;
      } else if (path === '/leads/new') {
        var id = new URLSearchParams(location.search).get('household'), lh = byId[id], l = $('#offline-lead');
        if (!lh) { problem.textContent = page.dataset.leadNeeds; problem.hidden = false; return; }
        $('[data-slot=head]', l).textContent = fmt(page.dataset.leadHeading, [lh.head]);
        $('[data-slot=line]', l).textContent = line(lh);
        $('[data-slot=cancel]', l).href = '/visits/households/' + lh.id;
        wireForm($('#lead-form'), lh);
        l.hidden = false;
      } else {
        var body = $('#worklist tbody'), labels = body.dataset;
        data.households.forEach(function (x) {
          var tr = document.createElement('tr'); tr.setAttribute('data-household', x.id);
          var td = document.createElement('td'); td.className = 'head-cell';
          var a = document.createElement('a'); a.href = '/visits/households/' + x.id; a.textContent = x.head; td.appendChild(a);
          var mem = document.createElement('span'); mem.className = 'members'; mem.textContent = fmt(page.dataset.members, [x.members]);
          td.appendChild(mem); tr.appendChild(td);
          td = document.createElement('td'); td.appendChild(statusSpan(x.standingClass, x.standing)); tr.appendChild(td);
          [[labels.lGroup, x.group], [labels.lKind, x.kind], [labels.lLast, x.lastVisit], [labels.lDue, x.dueOn]].forEach(function (p) {
            var cell = document.createElement('td'); cell.setAttribute('data-label', p[0]); cell.textContent = p[1] || ''; tr.appendChild(cell);
          });
          body.appendChild(tr);
        });
        $('#offline-list').hidden = false;
      }
    });
  }

  // ---- /visits/sync: what waits, and the conflicts with both sides and two choices -----------------------------------
  function drawQueue(page) {
    var d = page.dataset, list = $('#sync-list');
    items().then(function (all) {
      list.textContent = '';
      $('#sync-none').hidden = all.length > 0;
      all.forEach(function (i) {
        var box = document.createElement('div');
        box.className = 'queue-item ' + i.status; box.setAttribute('data-key', i.key);
        var h = document.createElement('h2');
        h.textContent = (i.kind === 'LEAD' ? d.kindLead : d.kindVisit) + ' · ' + (i.label || '') + ' · '
          + (i.status === 'conflict' ? d.conflict : i.status === 'refused' ? d.refused : d.waiting);
        box.appendChild(h);
        var p = document.createElement('p'); p.className = 'hint';
        p.textContent = fmt(d.recorded, [localTime(i.createdAt)]) + (i.visit ? ' · ' + i.visit.visitedOn : '')
          + (i.lead ? ' · ' + i.lead.description : '') + (i.visit && i.visit.note ? ' · ' + i.visit.note : '');
        box.appendChild(p);
        if (i.message) { var msg = document.createElement('p'); msg.className = 'what'; msg.textContent = i.message; box.appendChild(msg); }
        if (i.conflict) {
          var sides = document.createElement('div'); sides.className = 'sides';
          [[d.then, i.conflict.then], [d.now, i.conflict.now]].forEach(function (s) {
            var x = document.createElement('div'); var b = document.createElement('strong'); b.textContent = s[0];
            x.appendChild(b); x.appendChild(document.createElement('br')); x.appendChild(document.createTextNode(s[1])); sides.appendChild(x);
          });
          box.appendChild(sides);
        }
        if (i.status !== 'waiting') {
          var choices = document.createElement('div'); choices.className = 'choices';
          if (i.status === 'conflict' && i.conflict && i.conflict.mayStore) {
            var store = document.createElement('button'); store.type = 'button'; store.className = 'primary big store';
            store.textContent = d.store;
            store.addEventListener('click', function () {
              i.force = true; i.status = 'waiting'; i.conflict = null; i.message = null;
              put(i).then(sync).then(function () { drawQueue(page); });
            });
            choices.appendChild(store);
          }
          var drop = document.createElement('button'); drop.type = 'button'; drop.className = 'big discard'; drop.textContent = d.discard;
          drop.addEventListener('click', function () {
            if (!confirm(d.discardConfirm)) return;
            remove(i.key).then(badge).then(function () { drawQueue(page); });
          });
          choices.appendChild(drop);
          box.appendChild(choices);
        }
        list.appendChild(box);
      });
    });
  }


  function start() {
    if (!account()) return;
    var offlinePage = document.getElementById('offline-page');
    var queuePage = document.getElementById('sync-page');
    if (offlinePage) drawOffline(offlinePage);
    if (queuePage) {
      drawQueue(queuePage);
      $('#sync-now').addEventListener('click', function () { sync().then(function () { drawQueue(queuePage); }); });
      document.addEventListener('offline:synced', function () { drawQueue(queuePage); });
    }
  }

  if (document.readyState !== 'loading') start(); else document.addEventListener('DOMContentLoaded', start);
})();

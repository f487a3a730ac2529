// Shouwang page behaviour. No inline scripts anywhere: the Content-Security-Policy allows only this origin.
(function () {
  'use strict';

  // htmx requests carry the CSRF token that Spring Security expects (names come from the page's meta tags).
  document.addEventListener('htmx:configRequest', function (e) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) e.detail.headers[header.content] = token.content;
  });

  // pick lists (新建线索: households found as the head's name is typed): tapping one fills the field it belongs to
  document.addEventListener('click', function (e) {
    var b = e.target.closest ? e.target.closest('[data-fill-target]') : null;
    if (!b) return;
    var field = document.getElementById(b.getAttribute('data-fill-target'));
    if (!field) return;
    field.value = b.getAttribute('data-fill');
    var list = b.closest('.picks');
    if (list) list.innerHTML = '';
    field.focus();
  });

  document.addEventListener('DOMContentLoaded', function () {
    // phone: the left menu folds behind the ☰ button
    var toggle = document.querySelector('.menu-toggle');
    if (toggle) {
      toggle.setAttribute('aria-expanded', 'false');
      toggle.setAttribute('aria-controls', 'sidemenu');
      toggle.addEventListener('click', function () {
        var open = document.body.classList.toggle('menu-open');
        toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
      });
    }
    // area selector: choosing a lower area goes there at once (the 进入 button stays for keyboards / no script)
    var below = document.querySelector('.area-selector .area-children');
    if (below) {
      below.addEventListener('change', function () { if (below.value) below.form.submit(); });
    }
  });
})();

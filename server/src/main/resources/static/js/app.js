// Shouwang page behaviour. No inline scripts anywhere: the Content-Security-Policy allows only this origin.
(function () {
  'use strict';

  // htmx requests carry the CSRF token that Spring Security expects (names come from the page's meta tags).
  document.addEventListener('htmx:configRequest', function (e) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) e.detail.headers[header.content] = token.content;
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

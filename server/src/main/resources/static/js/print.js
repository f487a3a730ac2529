// Print buttons of the printable pages (公示, A4 forms): inline handlers are refused by the content security policy.
document.addEventListener('click', function (e) {
  var b = e.target.closest('[data-print]');
  if (b) { e.preventDefault(); window.print(); }
});

// 监测预警: "select the page" and "select a household" tick the warnings' boxes (rows already turned into leads stay
// unticked); without script every warning still has its own box and "select all across pages" is a plain checkbox.
(function () {
  function boxes(household) {
    var sel = 'input.select-row' + (household ? '[data-household="' + household + '"]' : '');
    return Array.prototype.filter.call(document.querySelectorAll(sel), function (b) { return !b.disabled; });
  }
  var all = document.getElementById('select-all');
  if (all) {
    all.addEventListener('change', function () {
      boxes().forEach(function (b) { b.checked = all.checked; });
      document.querySelectorAll('input.select-household').forEach(function (h) { h.checked = all.checked; });
    });
  }
  document.querySelectorAll('input.select-household').forEach(function (h) {
    h.addEventListener('change', function () {
      boxes(h.getAttribute('data-household')).forEach(function (b) { b.checked = h.checked; });
    });
  });
})();

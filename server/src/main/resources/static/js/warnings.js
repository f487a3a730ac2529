// 监测预警: "select all" for the 转为线索 checkboxes (rows already turned into leads stay unticked).
(function () {
  var all = document.getElementById('select-all');
  if (!all) return;
  all.addEventListener('change', function () {
    document.querySelectorAll('input.select-row').forEach(function (box) {
      if (!box.disabled) box.checked = all.checked;
    });
  });
})();

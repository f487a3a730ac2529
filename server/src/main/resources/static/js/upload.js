// 数据上报: sends the file with XMLHttpRequest so a progress bar can show how much has gone up; the server's
// answer (the page again, with the result or the refusal) then replaces the document.
(function () {
  var form = document.getElementById('upload-form');
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var box = document.getElementById('upload-progress');
    var bar = document.getElementById('upload-bar');
    var pct = document.getElementById('upload-percent');
    var button = form.querySelector('button[type=submit]');
    box.hidden = false;
    button.disabled = true;
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.upload.addEventListener('progress', function (e) {
      if (!e.lengthComputable) return;
      var p = Math.floor(e.loaded * 100 / e.total);
      bar.value = p;
      pct.textContent = p + '%';
    });
    xhr.addEventListener('load', function () {
      if (xhr.responseURL && window.history.replaceState) window.history.replaceState(null, '', xhr.responseURL);
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener('error', function () {
      button.disabled = false;
      box.hidden = true;
    });
    xhr.send(new FormData(form));
  });
})();

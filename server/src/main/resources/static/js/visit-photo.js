// 走访: the photo of a signed form is made smaller on the phone before it is sent (at most 1600 px on the longer side,
// JPEG), so a slow connection carries a few hundred KB instead of a camera's several MB. Without canvas or
// DataTransfer the original file is sent (the server takes up to 5 MB).
(function () {
  'use strict';
  var MAX = 1600;
  function ready(fn) { if (document.readyState !== 'loading') fn(); else document.addEventListener('DOMContentLoaded', fn); }
  ready(function () {
    var input = document.getElementById('photo');
    if (!input || !window.DataTransfer || !window.URL || !HTMLCanvasElement.prototype.toBlob) return;
    var status = document.getElementById('photo-status');
    var form = input.form;
    var busy = false;
    input.addEventListener('change', function () {
      var f = input.files && input.files[0];
      if (!f || !/^image\//.test(f.type)) return;
      var img = new Image();
      var url = URL.createObjectURL(f);
      busy = true;
      img.onload = function () {
        var scale = Math.min(1, MAX / Math.max(img.naturalWidth, img.naturalHeight));
        var c = document.createElement('canvas');
        c.width = Math.round(img.naturalWidth * scale);
        c.height = Math.round(img.naturalHeight * scale);
        c.getContext('2d').drawImage(img, 0, 0, c.width, c.height);
        URL.revokeObjectURL(url);
        c.toBlob(function (blob) {
          busy = false;
          if (!blob || blob.size >= f.size && scale === 1 && f.type === 'image/jpeg') return; // already small
          var dt = new DataTransfer();
          dt.items.add(new File([blob], 'photo.jpg', { type: 'image/jpeg' }));
          input.files = dt.files;
          if (status) status.textContent = c.width + ' × ' + c.height + ' · ' + Math.round(blob.size / 1024) + ' KB';
        }, 'image/jpeg', 0.82);
      };
      img.onerror = function () { busy = false; URL.revokeObjectURL(url); };
      img.src = url;
    });
    // a tap on 保存 while the photo is still being made smaller waits for it
    if (form) form.addEventListener('submit', function (e) {
      if (!busy) return;
      e.preventDefault();
      var t = setInterval(function () { if (!busy) { clearInterval(t); form.submit(); } }, 100);
    });
  });
})();

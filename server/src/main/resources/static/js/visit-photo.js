// 走访: the photo of a signed form is made smaller on the phone before it is sent (at most 1600 px on the longer side,
// JPEG), so a slow connection carries a few hundred KB instead of a camera's several MB. Without canvas or
// DataTransfer the original file is sent (the server takes up to 5 MB).
(function () {
  'use strict';
  var MAX = 1600;
  function ready(fn) { if (document.readyState !== 'loading') fn(); else document.addEventListener('DOMContentLoaded', fn); }
  // the picture as something a canvas can draw, with its size: createImageBitmap where there is one, else a data: URL
  function decode(file, done) {
    if (window.createImageBitmap) {
      createImageBitmap(file).then(function (b) { done(b, b.width, b.height); }, function () { done(null); });
      return;
    }
    var r = new FileReader();
    r.onload = function () {
      var img = new Image();
      img.onload = function () { done(img, img.naturalWidth, img.naturalHeight); };
      img.onerror = function () { done(null); };
      img.src = r.result;
    };
    r.onerror = function () { done(null); };
    r.readAsDataURL(file);
  }
  ready(function () {
    var input = document.getElementById('photo');
    if (!input || !window.DataTransfer || !HTMLCanvasElement.prototype.toBlob) return;
    var status = document.getElementById('photo-status');
    var form = input.form;
    var busy = false;
    input.addEventListener('change', function () {
      var f = input.files && input.files[0];
      if (!f || !/^image\//.test(f.type)) return;
      busy = true;
      // decoded without a blob: URL, which the pages' Content-Security-Policy (img-src 'self' data:) refuses
      decode(f, function (img, w, h) {
        if (!img) { busy = false; return; }
        var scale = Math.min(1, MAX / Math.max(w, h));
        var c = document.createElement('canvas');
        c.width = Math.round(w * scale);
        c.height = Math.round(h * scale);
        c.getContext('2d').drawImage(img, 0, 0, c.width, c.height);
        c.toBlob(function (blob) {
          busy = false;
          if (!blob || blob.size >= f.size && scale === 1 && f.type === 'image/jpeg') return; // already small
          var dt = new DataTransfer();
          dt.items.add(new File([blob], 'photo.jpg', { type: 'image/jpeg' }));
          input.files = dt.files;
          if (status) status.textContent = c.width + ' × ' + c.height + ' · ' + Math.round(blob.size / 1024) + ' KB';
        }, 'image/jpeg', 0.82);
      });
    });
    // a tap on 保存 while the photo is still being made smaller waits for it
    if (form) form.addEventListener('submit', function (e) {
      if (!busy) return;
      e.preventDefault();
      var t = setInterval(function () { if (!busy) { clearInterval(t); form.submit(); } }, 100);
    });
  });
})();

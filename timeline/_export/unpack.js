(function () {
  // plotly.js travels gzip-compressed in base64 (a data block, never run as such); it is unpacked here and
  // loaded from a blob: URL, which the page's CSP allows through 'strict-dynamic' for this script only.
  var packed = document.getElementById("plotly-gz");
  if (!packed || !window.DecompressionStream || !window.Blob || !window.URL) {
    window.timelinePlotly = Promise.resolve(false);
    return;
  }
  try {
    var bin = atob(packed.textContent.replace(/\s+/g, ""));
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    window.timelinePlotly = new Response(stream).blob().then(function (code) {
      return new Promise(function (resolve) {
        var s = document.createElement("script");
        s.src = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
        s.onload = function () { resolve(!!window.Plotly); };
        s.onerror = function () { resolve(false); };
        document.head.appendChild(s);
      });
    }, function () { return false; });
  } catch (e) {
    window.timelinePlotly = Promise.resolve(false);
  }
})();

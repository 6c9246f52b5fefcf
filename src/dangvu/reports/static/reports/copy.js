// Copy the narrative's paragraphs (plain text, blank line between them) to the clipboard.
(function () {
  var button = document.getElementById("copy-narrative");
  if (!button) return;
  button.addEventListener("click", function () {
    var paragraphs = document.querySelectorAll("#narrative p");
    var text = Array.prototype.map.call(paragraphs, function (p) { return p.textContent; }).join("\n\n");
    var done = function () { button.textContent = button.dataset.copied; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done);
    } else {
      var area = document.createElement("textarea");
      area.value = text; document.body.appendChild(area); area.select();
      document.execCommand("copy"); document.body.removeChild(area); done();
    }
  });
})();

// Tree toggles: htmx loads a node's children on the first click ("click once");
// every click shows or hides the loaded list without asking the server again.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-tree-toggle]");
  if (!button) return;
  var box = document.getElementById(button.dataset.treeToggle);
  if (!box) return;
  box.hidden = !box.hidden;
  button.setAttribute("aria-expanded", String(!box.hidden));
  var icon = button.querySelector("i");
  if (icon) icon.className = box.hidden ? "bi bi-chevron-right" : "bi bi-chevron-down";
});

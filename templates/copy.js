// tathya: "Copy link" on a statement page. Without script the page shows
// the link in a read-only field, to select and copy; with it, a button
// beside the field copies the link and says so.
(function () {
  "use strict";
  var field = document.getElementById("copy-link");
  if (!field) return;
  var button = document.createElement("button");
  button.type = "button";
  button.textContent = field.getAttribute("data-copy");
  var said = document.createElement("span");
  said.setAttribute("role", "status");
  field.parentNode.appendChild(button);
  field.parentNode.appendChild(said);
  function copied() {
    said.textContent = field.getAttribute("data-copied");
  }
  function byCommand() {
    field.focus();
    field.select();
    try {
      if (document.execCommand("copy")) copied();
    } catch (e) {
      // The link stays selected, to copy by hand.
    }
  }
  button.addEventListener("click", function () {
    said.textContent = "";
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(copied, byCommand);
    } else {
      byCommand();
    }
  });
  field.addEventListener("focus", function () {
    field.select();
  });
})();

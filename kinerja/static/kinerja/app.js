// Kinerja's small behaviours. No inline scripts anywhere: the CSP forbids them.
(function () {
  "use strict";
  // The side menu is open on wide screens and folded on phones.
  document.addEventListener("DOMContentLoaded", function () {
    if (window.matchMedia("(min-width: 900px)").matches) {
      document.querySelectorAll("details[data-open-wide]").forEach(function (el) { el.open = true; });
    }
  });
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("[data-autosubmit]")) {
      target.form.submit();
    }
  });
  document.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("[data-confirm]") : null;
    if (target && !window.confirm(target.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (token) {
      event.detail.headers["X-CSRFToken"] = token.value;
    }
  });
})();

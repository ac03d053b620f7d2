// Fidelis workspace behaviour. No inline scripts: the Content-Security-Policy allows only files from this origin.
(function () {
  "use strict";
  function csrf() {
    var token = document.querySelector('meta[name="csrf-token"]');
    var header = document.querySelector('meta[name="csrf-header"]');
    return token && header && token.content ? { header: header.content, token: token.content } : null;
  }
  // htmx requests carry the CSRF token like the forms do.
  document.addEventListener("htmx:configRequest", function (e) {
    var c = csrf();
    if (c) { e.detail.headers[c.header] = c.token; }
  });
  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.querySelector(".menu-toggle");
    var nav = document.getElementById("nav");
    if (toggle && nav) {
      toggle.addEventListener("click", function () {
        var open = nav.classList.toggle("open");
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
      });
    }
    // A select marked data-autosubmit submits its form on change (the button stays for keyboard and no-JS use).
    document.querySelectorAll("select[data-autosubmit]").forEach(function (s) {
      s.addEventListener("change", function () { s.form.submit(); });
    });
    // Confirmation for destructive buttons.
    document.querySelectorAll("[data-confirm]").forEach(function (b) {
      b.addEventListener("click", function (e) {
        if (!window.confirm(b.getAttribute("data-confirm"))) { e.preventDefault(); }
      });
    });
  });
})();

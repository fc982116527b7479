// nodeward console: the only script the pages run (the Content-Security-Policy allows no inline script).
// It adds what HTML alone cannot: the CSRF header on htmx requests, charts drawn with uPlot from data the
// server put in data-* attributes, and a banner when a live update fails. Every page works without it.
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : null;
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var token = csrfToken();
    if (token) {
      event.detail.headers["X-CSRF-Token"] = token;
    }
  });

  function banner(text) {
    var box = document.getElementById("banners");
    if (!box) {
      return;
    }
    var existing = document.getElementById("live-error");
    if (existing) {
      existing.textContent = text;
      return;
    }
    var div = document.createElement("div");
    div.id = "live-error";
    div.className = "banner banner-error";
    div.setAttribute("role", "alert");
    div.textContent = text;
    box.appendChild(div);
  }

  function clearBanner() {
    var existing = document.getElementById("live-error");
    if (existing) {
      existing.remove();
    }
  }

  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    banner("Could not update: " + (xhr.responseText || ("HTTP " + xhr.status)));
  });
  document.addEventListener("htmx:sendError", function () {
    banner("The console cannot be reached. Live updates will resume when it answers.");
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful) {
      clearBanner();
    }
  });

  // --- charts ---------------------------------------------------------------------------------------
  var PALETTE = { ALLOW: "#0f7a3d", DENY: "#b42318" };
  var EXTRA = ["#1d4ed8", "#a16207", "#7c3aed", "#0e7490", "#be185d", "#4d7c0f", "#475569", "#c2410c"];

  function draw(el) {
    if (typeof uPlot === "undefined") {
      return;
    }
    var data;
    try {
      data = JSON.parse(el.getAttribute("data-chart"));
    } catch (e) {
      return;
    }
    var width = Math.max(280, el.clientWidth || 600);
    var series = [{ label: "Time (UTC)" }];
    data.series.forEach(function (s, i) {
      var color = PALETTE[s.label] || EXTRA[i % EXTRA.length];
      series.push({ label: s.label, stroke: color, fill: color + "22", width: 2, points: { show: true, size: 4 } });
    });
    var opts = {
      width: width,
      height: 240,
      series: series,
      scales: { x: { time: true } },
      axes: [{}, { label: data.yLabel || "events", size: 60 }],
      legend: { live: false },
      cursor: { drag: { x: false, y: false } },
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"); }
    };
    var rows = [data.x].concat(data.series.map(function (s) { return s.values; }));
    el.textContent = "";
    el.__chart = new uPlot(opts, rows, el);
  }

  function drawAll(root) {
    (root || document).querySelectorAll("[data-chart]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { drawAll(event.detail.elt.parentNode || document); });
  var resizeTimer;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () { drawAll(document); }, 200);
  });
})();

// Type-ahead for food names: fills the input's <datalist> from /api/foods/search.
// Progressive enhancement only; the form works without it. Same-origin requests only.
(function () {
  "use strict";
  var SUPPLEMENTS = ["K1", "MK-4", "MK-7", "vitamin D3", "calcium", "magnesium"];
  function setup(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) { return; }
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      var q = input.value.trim();
      if (timer) { clearTimeout(timer); }
      if (q.length < 2 || q === last) { return; }
      timer = setTimeout(function () {
        last = q;
        fetch(input.dataset.typeahead + "?limit=8&q=" + encodeURIComponent(q), {
          credentials: "same-origin", headers: { "Accept": "application/json" }
        }).then(function (r) { return r.ok ? r.json() : { hits: [] }; })
          .then(function (data) {
            while (list.firstChild) { list.removeChild(list.firstChild); }
            (data.hits || []).forEach(function (hit) {
              var opt = document.createElement("option");
              opt.value = hit.name;
              if (hit.k2_ug_per_100g !== null && hit.k2_ug_per_100g !== undefined) {
                var keys = (hit.source_keys || []).join(", ");
                opt.label = hit.name + " (K2 " + (hit.k2_lower_bound ? "≥" : "") +
                  hit.k2_ug_per_100g + " µg/100 g" + (keys ? "; " + keys : "") + ")";
              }
              list.appendChild(opt);
            });
            SUPPLEMENTS.forEach(function (s) {
              var opt = document.createElement("option");
              opt.value = s;
              list.appendChild(opt);
            });
          }).catch(function () { /* offline or server busy: keep typing */ });
      }, 150);
    });
  }
  document.querySelectorAll("input[data-typeahead]").forEach(setup);
})();

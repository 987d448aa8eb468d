// 自然灾害风险地图: one overlay per registered layer (disasters/map_layers.py), loaded from the GeoJSON endpoint
// with the filter form's values. With no tile server the map draws a plain background, the county box, a 0.1°
// graticule and the township labels. Names from the database are set as text, never as HTML.
(function () {
  "use strict";
  var element = document.getElementById("disaster-map");
  var configElement = document.getElementById("map-config");
  if (!element || !configElement || !window.L) { return; }
  var config = JSON.parse(configElement.textContent);
  var status = document.getElementById("map-status");
  var form = document.getElementById("map-filters");

  var west = config.bbox[0], south = config.bbox[1], east = config.bbox[2], north = config.bbox[3];
  var countyBounds = L.latLngBounds([south, west], [north, east]);
  var map = L.map(element, { minZoom: 7, maxZoom: 18, zoomSnap: 0.25 });
  map.fitBounds(countyBounds);

  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, {
      attribution: config.tileAttribution,
      subdomains: config.tileSubdomains || "abc",
      maxZoom: 18
    }).addTo(map);
  } else {
    drawOfflineBackground();
  }

  var overlays = {};
  var groups = config.layers.map(function (layer) {
    var group = L.featureGroup();
    overlays[layer.label] = group;
    if (layer.shown) { group.addTo(map); }
    return { layer: layer, group: group };
  });
  L.control.layers(null, overlays, { collapsed: window.innerWidth < 768 }).addTo(map);
  L.control.scale({ imperial: false }).addTo(map);

  function drawOfflineBackground() {
    // The project holds no township boundaries: only the county's box, a graticule, and each township's name
    // at the mean position of its points.
    var line = { color: "#94a3b8", weight: 1, opacity: 0.5, interactive: false };
    var pad = 1;
    var i;
    for (i = Math.ceil((west - pad) * 10); i <= Math.floor((east + pad) * 10); i++) {
      L.polyline([[south - pad, i / 10], [north + pad, i / 10]], line).addTo(map);
    }
    for (i = Math.ceil((south - pad) * 10); i <= Math.floor((north + pad) * 10); i++) {
      L.polyline([[i / 10, west - pad], [i / 10, east + pad]], line).addTo(map);
    }
    L.rectangle(countyBounds, { color: "#475569", weight: 2, dashArray: "6 4", fill: false, interactive: false })
      .addTo(map);
    config.townships.forEach(function (township) {
      var label = document.createElement("span");
      label.textContent = township.name;
      L.tooltip({ permanent: true, direction: "center", className: "township-label", interactive: false })
        .setLatLng([township.latitude, township.longitude])
        .setContent(label)
        .addTo(map);
    });
  }

  function popupFor(properties) {
    var box = document.createElement("div");
    box.className = "map-popup";
    var title = document.createElement("div");
    title.className = "map-popup-title";
    title.textContent = properties.name;
    box.appendChild(title);
    var list = document.createElement("dl");
    (properties.details || []).forEach(function (pair) {
      var term = document.createElement("dt");
      term.textContent = pair[0];
      var value = document.createElement("dd");
      value.textContent = pair[1];
      list.appendChild(term);
      list.appendChild(value);
    });
    box.appendChild(list);
    if (properties.url) {
      var link = document.createElement("a");
      link.href = properties.url;
      link.textContent = config.messages.open;
      box.appendChild(link);
    }
    return box;
  }

  function markerFor(feature, latlng) {
    var p = feature.properties;
    return L.circleMarker(latlng, {
      radius: 7, weight: 3, color: p.outline || p.colour, fillColor: p.colour, fillOpacity: 0.9
    });
  }

  function filterQuery() {
    var params = new URLSearchParams();
    if (form) {
      new FormData(form).forEach(function (value, name) { if (value) { params.append(name, value); } });
    }
    return params.toString();
  }

  function load() {
    var query = filterQuery();
    var counts = [];
    var requests = groups.map(function (entry, index) {
      var url = entry.layer.url + (query ? "&" + query : "");
      return fetch(url, { credentials: "same-origin", headers: { Accept: "application/geo+json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.json();
        })
        .then(function (data) {
          entry.group.clearLayers();
          L.geoJSON(data, {
            pointToLayer: markerFor,
            onEachFeature: function (feature, marker) {
              marker.bindPopup(function () { return popupFor(feature.properties); });
            }
          }).addTo(entry.group);
          counts[index] = entry.layer.label + " " + config.messages.count.replace("%(n)s", data.features.length);
        });
    });
    Promise.all(requests).then(
      function () {
        element.dataset.loaded = "true";
        if (status) { status.textContent = counts.join("；"); }
      },
      function () { if (status) { status.textContent = config.messages.failed; } }
    );
  }

  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = filterQuery();
      history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
      load();
    });
  }
  load();
})();

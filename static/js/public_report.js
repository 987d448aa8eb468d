// 群众举报 page: take the phone's position on request, and draw a new captcha when its image is tapped.
(function () {
  "use strict";
  var script = document.currentScript;
  var locate = document.getElementById("locate");
  var status = document.getElementById("locate-status");
  if (locate && navigator.geolocation) {
    locate.classList.remove("d-none");
    locate.addEventListener("click", function () {
      status.textContent = locate.dataset.waiting;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          document.getElementById("id_latitude").value = position.coords.latitude.toFixed(6);
          document.getElementById("id_longitude").value = position.coords.longitude.toFixed(6);
          status.textContent = locate.dataset.done;
        },
        function () { status.textContent = locate.dataset.failed; },
        { enableHighAccuracy: true, timeout: 15000 }
      );
    });
  }
  var image = document.querySelector("img.captcha");
  if (image && script) {
    image.addEventListener("click", function () {
      fetch(script.dataset.refresh, { headers: { "X-Requested-With": "XMLHttpRequest" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          image.src = data.image_url;
          document.querySelector("input[name='captcha_0']").value = data.key;
          document.querySelector("input[name='captcha_1']").value = "";
        });
    });
  }
})();

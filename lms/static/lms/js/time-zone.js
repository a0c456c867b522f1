// Sign-up: pre-select the browser's time zone in a <select data-browser-time-zone>,
// when the browser names one the list offers. Without JavaScript the server's default
// stays selected and the person picks their zone; nothing else depends on this file.
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!zone) {
    return;
  }
  var selects = document.querySelectorAll("select[data-browser-time-zone]");
  Array.prototype.forEach.call(selects, function (select) {
    var aliases = { "America/Montreal": "America/Toronto", "Asia/Calcutta": "Asia/Kolkata" };
    var wanted = aliases[zone] || zone;
    for (var i = 0; i < select.options.length; i += 1) {
      if (select.options[i].value === wanted) {
        select.value = wanted;
        return;
      }
    }
  });
})();

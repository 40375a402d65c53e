// A link to a task in Tasklist ("#/?task=...") keeps its part after '#' through sign-in. That part
// never reaches the server; the browser carries it over a redirect that has none of its own, so
// posting to "/login#..." lands the officer on the task the mail named, not on Tasklist's start.
(function () {
  var form = document.getElementById('sign-in');
  if (form && location.hash.length > 1) {
    form.setAttribute('action', form.getAttribute('action') + location.hash);
  }
})();

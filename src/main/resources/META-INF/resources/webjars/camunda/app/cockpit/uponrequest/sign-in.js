// Behind UponRequest's single sign-on, Camunda's own login form cannot sign anyone in (the
// session is the product's): whenever the webapp shows it, e.g. after "Log out", go to the
// product's login page instead.
(function toProductLogin() {
  function redirectIfLogin() {
    if (/^#\/login/.test(window.location.hash)) {
      var contextPath = window.location.pathname.replace(/\/camunda\/app\/.*$/, '');
      window.location.replace(contextPath + '/login');
    }
  }
  window.addEventListener('hashchange', redirectIfLogin);
  redirectIfLogin();
})();

/*
 * UponRequest configuration of Camunda Cockpit 7.24 (replaces the webjar's default
 * app/cockpit/scripts/config.js, served by the Spring Boot starter from the application's
 * classpath:/META-INF/resources/webjars/camunda/app/ before the webjar's).
 * Options: see the commented defaults in the config.js of camunda-webapp-webjar 7.24.0.
 */
export default {
  // the product's login page replaces Camunda's (single sign-on, see SECURITY.md)
  customScripts: ['uponrequest/sign-in'],
  // header, browser tab and login page read "UNODC UponRequest Cockpit"
  app: {
    name: 'UponRequest Cockpit',
    vendor: 'UNODC'
  },
  locales: {
    availableLocales: ['en'],
    fallbackLocale: 'en'
  },
  // the first-login box points to Camunda's welcome page, which this application does not serve
  disableWelcomeMessage: true
};

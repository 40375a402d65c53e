/*
 * UponRequest configuration of Camunda Tasklist 7.24 (replaces the webjar's default
 * app/tasklist/scripts/config.js: the Spring Boot starter serves /camunda/app/** from the first
 * classpath:/META-INF/resources/webjars/camunda/app/ on the classpath, which is the application's).
 * Options: see the commented defaults in the config.js of camunda-webapp-webjar 7.24.0.
 */
export default {
  // the product's login page replaces Camunda's (single sign-on, see SECURITY.md)
  customScripts: ['uponrequest/sign-in'],
  // header, browser tab and login page read "UNODC UponRequest Tasklist"
  app: {
    name: 'UponRequest Tasklist',
    vendor: 'UNODC'
  },
  locales: {
    availableLocales: ['en'],
    fallbackLocale: 'en'
  },
  // the first-login box points to Camunda's welcome page, which this application does not serve
  disableWelcomeMessage: true,

  // Camunda's default keyboard shortcuts, kept (the file replaces the defaults as a whole)
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};

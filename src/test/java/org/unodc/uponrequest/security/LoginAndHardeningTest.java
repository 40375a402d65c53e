package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.unodc.uponrequest.referencedata.ReferenceData;

/** One login for every door, and the hardening around it: CSRF, cookies, headers, the demo notice. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class LoginAndHardeningTest {

  @LocalServerPort int port;
  @Autowired ReferenceData referenceData;

  @Test
  void anonymousBrowserIsSentToTheLoginPageFromEveryPage() {
    HttpSession anonymous = new HttpSession(port);
    for (String page : new String[] {"/", "/camunda/app/tasklist/default/", "/camunda/app/cockpit/default/",
        "/camunda/app/admin/default/"}) {
      HttpResponse<String> response = anonymous.get(page);
      assertThat(response.statusCode()).as(page).isEqualTo(302);
      assertThat(response.headers().firstValue("Location")).as(page).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }
    assertThat(anonymous.get("/actuator/health").statusCode()).isEqualTo(200);
  }

  @Test
  void machineClientsWithoutCredentialsGetABasicChallenge() {
    HttpResponse<String> response = new HttpSession(port).get("/engine-rest/task");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
  }

  @Test
  void loginThroughTheProductPageOpensTasklistWithoutASecondLogin() {
    HttpSession browser = new HttpSession(port);
    HttpResponse<String> login = browser.login("office.nairobi", "demo");
    assertThat(login.statusCode()).isEqualTo(302);

    HttpResponse<String> tasklist = browser.get("/camunda/app/tasklist/default/");
    assertThat(tasklist.statusCode()).isEqualTo(200);
    assertThat(tasklist.body()).doesNotContain("name=\"password\"");
    HttpResponse<String> user = browser.get("/camunda/api/admin/auth/user/default");
    assertThat(user.statusCode()).isEqualTo(200);
    assertThat(user.body()).contains("\"userId\":\"office.nairobi\"").contains("tasklist");
  }

  @Test
  void aFocalPointOpeningTasklistIsTakenToThePortalAndEveryEngineDoorRefusesIt() {
    HttpSession browser = new HttpSession(port);
    assertThat(browser.login("ken.focal", "demo").statusCode()).isEqualTo(302);
    for (String app : List.of("tasklist", "cockpit", "admin", "welcome")) {
      HttpResponse<String> page = browser.get("/camunda/app/" + app + "/default/");
      assertThat(page.statusCode()).as(app).isEqualTo(302);
      assertThat(page.headers().firstValue("Location").orElse("")).as(app).endsWith("/portal/requests");
    }
    assertThat(browser.get("/camunda/api/admin/auth/user/default").statusCode()).isEqualTo(403);
    assertThat(browser.exchange("GET", "/camunda/api/engine/engine/default/task", null).statusCode()).isEqualTo(403);
    HttpSession machine = HttpSession.machine(port);
    assertThat(machine.getAs("ken.focal", "demo", "/engine-rest/task").statusCode()).isEqualTo(403);
    assertThat(machine.postJsonAs("ken.focal", "demo", "/engine-rest/process-definition/key/technical-assistance-request/submit-form",
        "{\"variables\":{}}").statusCode()).isEqualTo(403);
    assertThat(machine.getAs("ken.focal", "demo", "/api/requests").statusCode()).as("the states' own door").isEqualTo(200);
  }

  @Test
  void loggingOutInsideAWebappEndsTheWholeSession() {
    HttpSession browser = new HttpSession(port);
    browser.login("planner", "demo");
    assertThat(browser.get("/camunda/app/tasklist/default/").statusCode()).isEqualTo(200);

    HttpResponse<String> logout = browser.postAsWebapp("/camunda/api/admin/auth/user/default/logout", "");
    assertThat(logout.statusCode()).isEqualTo(200);
    assertThat(browser.get("/camunda/app/tasklist/default/").statusCode()).as("signed out everywhere").isEqualTo(302);
    assertThat(browser.get("/camunda/api/engine/engine/default/task").statusCode()).isEqualTo(401);

  }

  @Test
  void loginWithoutTheCsrfTokenIsRefused() {
    HttpSession browser = new HttpSession(port);
    browser.get("/login");
    HttpResponse<String> response = browser.postForm("/login", "username=ken.focal&password=demo");
    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void logoutWithoutTheCsrfTokenIsRefusedAndTheSessionStays() {
    HttpSession browser = new HttpSession(port);
    browser.login("intake", "demo");
    browser.get("/camunda/app/tasklist/default/");
    assertThat(browser.postForm("/logout", "").statusCode()).isEqualTo(403);
    assertThat(browser.get("/camunda/api/admin/auth/user/default").statusCode()).isEqualTo(200);
  }

  @Test
  void sessionCookieIsHttpOnlyAndSameSite() {
    HttpResponse<String> page = new HttpSession(port).get("/login");
    assertThat(page.headers().allValues("Set-Cookie"))
        .anySatisfy(cookie -> assertThat(cookie).startsWith("UPONREQUEST_SESSION=").contains("HttpOnly").contains("SameSite=Lax"));
  }

  @Test
  void productPagesSendContentSecurityPolicyAndDenyFraming() {
    HttpResponse<String> page = new HttpSession(port).get("/login");
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
  }

  @Test
  void anAppsAddressWithoutItsTrailingSlashLeadsToTheCheckedOneWhileTheAppsFilesAreServedAsTheyAre() {
    HttpSession officer = new HttpSession(port);
    officer.login("intake", "demo");

    HttpResponse<String> bare = officer.get("/camunda/app/cockpit/default");
    assertThat(bare.statusCode()).isEqualTo(302);
    assertThat(bare.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/camunda/app/cockpit/default/"));
    assertThat(officer.get("/camunda/app/cockpit/default/").statusCode()).as("no Cockpit for officers").isEqualTo(403);
    assertThat(officer.get("/camunda/app/tasklist/camunda-tasklist-bootstrap.js").statusCode()).isEqualTo(200);
  }

  @Test
  void theWebappsFilesAreKeptByTheBrowserAndAnsweredNotModifiedWhilePagesAndApisAreNeverKept() {
    HttpSession officer = new HttpSession(port);
    officer.login("intake", "demo");
    for (String file : List.of("/camunda/lib/deps.js?bust=7.24.0", "/camunda/app/tasklist/camunda-tasklist-bootstrap.js",
        "/camunda/app/tasklist/camunda-tasklist-bootstrap.css?bust=7.24.0", "/camunda/app/tasklist/styles/user-styles.css")) {
      HttpResponse<String> first = officer.get(file);
      assertThat(first.statusCode()).as(file).isEqualTo(200);
      assertThat(first.headers().allValues("Cache-Control")).as(file).containsExactly("private, no-cache");
      String lastModified = first.headers().firstValue("Last-Modified").orElseThrow(() -> new AssertionError(file));

      HttpResponse<String> again = officer.getWithHeader(file, "If-Modified-Since", lastModified);
      assertThat(again.statusCode()).as("%s asked again while unchanged", file).isEqualTo(304);
      assertThat(again.body()).as(file).isEmpty();
    }
    for (String page : List.of("/camunda/app/tasklist/default/", "/camunda/api/admin/auth/user/default",
        "/camunda/api/engine/engine/default/task/count", "/login", "/")) {
      assertThat(officer.get(page).headers().allValues("Cache-Control")).as(page)
          .containsExactly("no-cache, no-store, max-age=0, must-revalidate");
    }
    HttpResponse<String> anonymous = new HttpSession(port).get("/camunda/lib/deps.js");
    assertThat(anonymous.statusCode()).as("the files stay behind sign-in").isEqualTo(302);
  }

  @Test
  void theWebappsOwnSignInCannotBeUsedToCheckSomeoneElsesPassword() {
    HttpSession browser = new HttpSession(port);
    browser.login("intake", "demo");
    browser.get("/camunda/app/tasklist/default/");

    HttpResponse<String> response = browser.postAsWebapp("/camunda/api/admin/auth/user/default/login/tasklist",
        "username=manager&password=demo");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(browser.get("/camunda/api/admin/auth/user/default").body()).contains("\"userId\":\"intake\"");
  }

  @Test
  void theSignInPageOfTheDemoSaysItIsADemoAndNamesEveryDemoAccount() {
    HttpResponse<String> page = new HttpSession(port).get("/login");
    assertThat(page.body()).contains("<html lang=\"en\"").contains("demonstration").contains("<code>demo</code>");
    for (var user : referenceData.demoUsers()) {
      assertThat(page.body()).as(user.id()).contains("<code>" + user.id() + "</code>");
    }
  }
}

package org.unodc.uponrequest.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.unodc.uponrequest.notifications.Outbox;
import org.unodc.uponrequest.notifications.OutboxSender;
import org.unodc.uponrequest.notifications.OutboxStatus;

/**
 * With no SMTP server configured (no spring.mail.host, as in every test profile but the mail
 * tests'), a step's mails stay in the outbox, and administrators read them at /admin/outbox; nobody
 * else may (AccessMatrixTest has the row for every role and spelling).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxPageTest {

  @LocalServerPort int port;
  @Autowired Outbox outbox;
  @Autowired OutboxSender sender;

  private String reference;

  @BeforeAll
  void kenyaFiles() throws IOException {
    reference = StateFiling.file(HttpSession.machine(port), "ken.focal", "demo", "KEN",
        "Mutual legal assistance <i>in</i> terrorism cases");
  }

  @Test
  void withoutAnSmtpServerTheMailsStayInTheOutboxUnsent() {
    assertThat(sender.canSend()).isFalse();
    List<Outbox.Entry> mails = outbox.ofRequest(reference);
    assertThat(mails).extracting(Outbox.Entry::recipient)
        .containsExactlyInAnyOrder("wanjiru.kamau@example.org", "hannah.berger@example.org");
    assertThat(mails).allSatisfy(mail -> {
      assertThat(mail.status()).isEqualTo(OutboxStatus.NOT_SENT_NO_SMTP);
      assertThat(mail.attempts()).isZero();
      assertThat(mail.nextAttempt()).isNull();
    });
    assertThat(sender.sendDue(java.time.Instant.now().plusSeconds(86400))).isZero();
  }

  @Test
  void administratorsReadTheMailsNewestFirst() {
    HttpSession admin = signedIn("admin");
    HttpResponse<String> page = admin.get("/admin/outbox");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Mail outbox", "No SMTP server is configured", "NOT_SENT_NO_SMTP",
        "Request " + reference + " received: Mutual legal assistance &lt;i&gt;in&lt;/i&gt; terrorism cases",
        "wanjiru.kamau@example.org", "hannah.berger@example.org", "Task for hq-intake: Screen the request")
        .doesNotContain("<i>in</i>", "style=", "<script");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
    assertThat(page.body().indexOf("Task for hq-intake: Screen the request (" + reference + ")"))
        .as("newest first: the screening task's mail was written after the receipt")
        .isLessThan(page.body().indexOf("Request " + reference + " received"));
    assertThat(admin.get("/admin/outbox?page=999").statusCode()).isEqualTo(200);
    assertThat(admin.get("/admin/outbox?page=x").statusCode()).isEqualTo(200);
  }

  @Test
  void nobodyElseMayReadThem() {
    for (String user : List.of("ken.focal", "intake", "manager")) {
      assertThat(signedIn(user).get("/admin/outbox").statusCode()).as(user).isEqualTo(403);
    }
    assertThat(new HttpSession(port).get("/admin/outbox").headers().firstValue("Location").orElse(""))
        .endsWith(SecurityConfiguration.LOGIN_PAGE);
    assertThat(HttpSession.machine(port).getAs("manager", "demo", "/admin/outbox").statusCode()).isEqualTo(403);
  }

  private HttpSession signedIn(String user) {
    HttpSession browser = new HttpSession(port);
    assertThat(browser.login(user, "demo").statusCode()).as(user).isEqualTo(302);
    return browser;
  }
}

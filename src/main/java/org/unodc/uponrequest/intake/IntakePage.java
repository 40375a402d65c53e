package org.unodc.uponrequest.intake;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Administrators see the intake inbox: how many filed requests wait to be registered, since when,
 * and those whose registration failed with the error (each is tried again, never given up; a
 * request that keeps failing needs an administrator). As JSON too, for monitoring and the
 * filing benchmark. Only the {@code camunda-admin} group may open it ({@code /admin/**}).
 */
@Controller
class IntakePage {

  static final String PATH = "/admin/intake";
  private static final int SHOWN = 100;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /** A failing registration as the page shows it; times in UTC. */
  record Line(String reference, String user, String filedAt, int attempts, String nextAttempt, String error) {}

  private final IntakeInbox inbox;
  private final IntakeSettings settings;

  IntakePage(IntakeInbox inbox, IntakeSettings settings) {
    this.inbox = inbox;
    this.settings = settings;
  }

  @GetMapping(PATH)
  String intake(Model model) {
    IntakeInbox.Backlog backlog = inbox.backlog();
    model.addAttribute("backlog", backlog);
    model.addAttribute("oldest", time(backlog.oldestFiledAt()));
    model.addAttribute("registration", settings.registration().name().toLowerCase().replace('_', '-'));
    model.addAttribute("lines", inbox.failing(SHOWN).stream().map(failing -> new Line(failing.reference(), failing.user(),
        time(failing.filedAt()), failing.attempts(), time(failing.nextAttempt()), failing.error())).toList());
    return "admin/intake";
  }

  @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  IntakeInbox.Backlog backlog() {
    return inbox.backlog();
  }

  private static String time(Instant at) {
    return at == null ? "" : TIME.format(at);
  }

}

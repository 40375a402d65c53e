package org.unodc.uponrequest.notifications;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.unodc.uponrequest.portal.Languages;

/**
 * Administrators read the mails of the outbox, newest first, a page at a time: with no SMTP server
 * configured this is where the mails are; with one, it shows what was sent, what failed and why.
 * Only the {@code camunda-admin} group may open it (security/SecurityConfiguration, {@code /admin/**}).
 */
@Controller
class OutboxPage {

  static final String PATH = "/admin/outbox";
  static final int PAGE_SIZE = 25;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /** One mail as the page shows it; times in UTC, empty where there is none. */
  record Line(long id, String created, String kind, String reference, String recipient, String user, String language,
      boolean rightToLeft, String subject, String body, String status, int attempts, String lastAttempt, String nextAttempt,
      String sent, String error) {}

  /** How many mails stand in one status. */
  record Count(String status, long count) {}

  private final Outbox outbox;
  private final OutboxSender sender;

  OutboxPage(Outbox outbox, OutboxSender sender) {
    this.outbox = outbox;
    this.sender = sender;
  }

  @GetMapping(PATH)
  String outbox(@RequestParam(name = "page", defaultValue = "1") String requestedPage, Model model) {
    int page = pageNumber(requestedPage);
    Outbox.Page mails = outbox.page((page - 1) * PAGE_SIZE, PAGE_SIZE);
    long pages = Math.max(1, (mails.total() + PAGE_SIZE - 1) / PAGE_SIZE);
    var counts = outbox.counts();
    model.addAttribute("smtp", sender.canSend());
    model.addAttribute("total", mails.total());
    model.addAttribute("counts", Arrays.stream(OutboxStatus.values())
        .map(status -> new Count(status.name(), counts.getOrDefault(status, 0L))).toList());
    model.addAttribute("page", page);
    model.addAttribute("pages", pages);
    model.addAttribute("previous", page > 1 ? page - 1 : null);
    model.addAttribute("next", page < pages ? page + 1 : null);
    model.addAttribute("lines", lines(mails.entries()));
    return "admin/outbox";
  }

  private static List<Line> lines(List<Outbox.Entry> entries) {
    return entries.stream().map(mail -> new Line(mail.id(), time(mail.created()), mail.kind().name(), mail.reference(),
        mail.recipient(), mail.user(), mail.language(),
        Languages.of(mail.language()).map(Languages::rightToLeft).orElse(false), mail.subject(), mail.body(),
        mail.status().name(), mail.attempts(), time(mail.lastAttempt()), time(mail.nextAttempt()), time(mail.sent()),
        mail.error())).toList();
  }

  private static int pageNumber(String requested) {
    try {
      return Math.max(1, Integer.parseInt(requested.trim()));
    } catch (NumberFormatException notANumber) {
      return 1;
    }
  }

  private static String time(Instant at) {
    return at == null ? "" : TIME.format(at);
  }
}

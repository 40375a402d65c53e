package org.unodc.uponrequest.notifications;

import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.HtmlUtils;
import org.unodc.uponrequest.portal.Languages;

/**
 * Sends the outbox's mails, always outside the engine's transactions and threads: on its own
 * thread, asked by a step's commit ({@link #trigger()} after commit) and by a poller every
 * {@code uponrequest.mail.poll-interval} (mails whose retry time came, mails another node left).
 * Each mail is claimed first ({@link Outbox#claim}), so with several nodes on one database each
 * mail is sent by one of them; then marked {@code SENT}, or {@code FAILED} with the error and the
 * time of the next attempt (doubling from {@code first-retry} up to {@code max-retry}), or
 * {@code GAVE_UP} after {@code max-attempts} or when the mail cannot be sent at all, and then
 * handed to the engine as an incident to retry in Cockpit ({@link UndeliveredMails}). A slow or
 * absent SMTP server delays mails, never a step. Without {@code spring.mail.host} there is no
 * {@link JavaMailSender} and nothing is sent.
 */
@Component
public class OutboxSender {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
  /** Batches per look, so that one look ends even if mails keep coming. */
  private static final int MAX_BATCHES = 100;

  private final Outbox outbox;
  private final ObjectProvider<JavaMailSender> mailSender;
  private final MailSettings settings;
  private final Clock clock;
  private final TransactionTemplate transactions;
  private final UndeliveredMails undeliveredMails;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
    Thread sender = new Thread(runnable, "outbox-sender");
    sender.setDaemon(true);
    return sender;
  });
  private final AtomicBoolean lookQueued = new AtomicBoolean();

  OutboxSender(Outbox outbox, ObjectProvider<JavaMailSender> mailSender, MailSettings settings, Clock clock,
      PlatformTransactionManager transactionManager, UndeliveredMails undeliveredMails) {
    this.outbox = outbox;
    this.transactions = new TransactionTemplate(transactionManager);
    this.undeliveredMails = undeliveredMails;
    this.mailSender = mailSender;
    this.settings = settings;
    this.clock = clock;
  }

  /** Whether an SMTP server is configured ({@code spring.mail.host}). */
  public boolean canSend() {
    return mailSender.getIfAvailable() != null;
  }

  /** Asks for a look at the outbox on the sender's thread; returns at once. At most one look waits at a time. */
  public void trigger() {
    if (!canSend() || !lookQueued.compareAndSet(false, true)) {
      return;
    }
    try {
      thread.execute(() -> {
        lookQueued.set(false);
        try {
          sendDue(clock.instant());
        } catch (RuntimeException e) {
          LOG.warn("Outbox: looking for mails to send failed, the next look tries again: {}", e.toString());
        }
      });
    } catch (RejectedExecutionException shuttingDown) {
      lookQueued.set(false);
    }
  }

  @Scheduled(fixedDelayString = "${uponrequest.mail.poll-interval:PT30S}",
      initialDelayString = "${uponrequest.mail.poll-interval:PT30S}")
  void poll() {
    trigger();
  }

  /** Sends every mail due at {@code now} (on the calling thread); returns how many went out. */
  public int sendDue(Instant now) {
    JavaMailSender mail = mailSender.getIfAvailable();
    if (mail == null) {
      return 0;
    }
    int sent = 0;
    for (int batch = 0; batch < MAX_BATCHES; batch++) {
      List<Long> due = outbox.due(now, settings.batchSize());
      for (long id : due) {
        if (send(mail, id, now)) {
          sent++;
        }
      }
      if (due.size() < settings.batchSize()) {
        break;
      }
    }
    return sent;
  }

  private boolean send(JavaMailSender mail, long id, Instant now) {
    String claim = UUID.randomUUID().toString();
    Optional<Outbox.Entry> claimed = outbox.claim(id, claim, now, now.plus(settings.claimTimeout()));
    if (claimed.isEmpty()) {
      return false; // another node has it, or sent it
    }
    Outbox.Entry entry = claimed.get();
    if (entry.attempts() > settings.maxAttempts()) {
      // its last attempt was cut short (the node stopped while sending): not tried again here
      giveUp(entry, claim, "Gave up after " + settings.maxAttempts() + " attempts; the last one was interrupted");
      return false;
    }
    try {
      mail.send(message(mail, entry));
    } catch (MailParseException | MailPreparationException unsendable) {
      LOG.warn("Outbox: mail {} to {} cannot be sent, given up: {}", id, entry.recipient(), describe(unsendable));
      giveUp(entry, claim, describe(unsendable));
      return false;
    } catch (RuntimeException failure) {
      Instant next = entry.attempts() >= settings.maxAttempts() ? null : now.plus(settings.backoff(entry.attempts()));
      LOG.warn("Outbox: mail {} to {} not sent (attempt {} of {}){}: {}", id, entry.recipient(), entry.attempts(),
          settings.maxAttempts(), next == null ? ", given up" : ", next attempt at " + next, describe(failure));
      if (next == null) {
        giveUp(entry, claim, describe(failure));
      } else {
        outbox.failed(id, claim, describe(failure), next);
      }
      return false;
    }
    if (!outbox.sent(id, claim, clock.instant())) {
      LOG.warn("Outbox: mail {} was sent after its claim ran out; another node may send it again", id);
    }
    return true;
  }

  /**
   * Marks the claimed mail {@code GAVE_UP} and hands it to the engine in the same transaction, so
   * that it shows in Cockpit as an incident to retry ({@link UndeliveredMails}); nothing if the claim
   * was lost meanwhile.
   */
  private void giveUp(Outbox.Entry entry, String claim, String error) {
    transactions.executeWithoutResult(transaction -> {
      if (outbox.failed(entry.id(), claim, error, null)) {
        undeliveredMails.handOver(entry, error);
      }
    });
  }

  /**
   * Sends a mail given up earlier, now, on the calling thread and in its transaction (the engine's
   * job that an administrator retries in Cockpit). Throws {@link MailNotDelivered}, with the mail
   * server's answer, when it does not go out; does nothing if the mail is no longer given up.
   */
  void sendGivenUp(long id) {
    JavaMailSender mail = mailSender.getIfAvailable();
    if (mail == null) {
      throw new MailNotDelivered("Mail " + id + " was not sent: no mail server is configured (spring.mail.host)");
    }
    String claim = UUID.randomUUID().toString();
    Instant now = clock.instant();
    Optional<Outbox.Entry> claimed = outbox.reopen(id, claim, now, now.plus(settings.claimTimeout()));
    if (claimed.isEmpty()) {
      LOG.info("Outbox: mail {} is no longer given up (sent or retried meanwhile); nothing to send", id);
      return;
    }
    Outbox.Entry entry = claimed.get();
    try {
      mail.send(message(mail, entry));
    } catch (RuntimeException failure) {
      throw new MailNotDelivered("Mail " + id + " to " + entry.recipient()
          + (entry.reference() == null ? "" : " about " + entry.reference()) + " (\"" + entry.subject()
          + "\") was not delivered: " + describe(failure));
    }
    outbox.sent(id, claim, clock.instant());
  }

  private MimeMessage message(JavaMailSender mail, Outbox.Entry entry) {
    MimeMessage message = mail.createMimeMessage();
    try {
      MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
      helper.setFrom(settings.from());
      helper.setTo(entry.recipient());
      helper.setSubject(entry.subject());
      helper.setText(entry.body(), html(entry));
      message.setHeader("Content-Language", entry.language());
      // RFC 3834: no out-of-office replies to a machine
      message.setHeader("Auto-Submitted", "auto-generated");
    } catch (MessagingException e) {
      throw new MailPreparationException(e);
    }
    return message;
  }

  /** The plain text as simple HTML: its paragraphs, line breaks and the link; escaped, no styles, no scripts. */
  static String html(Outbox.Entry entry) {
    Languages language = Languages.of(entry.language()).orElse(Languages.EN);
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(language.code())
        .append("\" dir=\"").append(language.rightToLeft() ? "rtl" : "ltr").append("\">\n<head><meta charset=\"utf-8\"><title>")
        .append(HtmlUtils.htmlEscape(entry.subject())).append("</title></head>\n<body>\n");
    for (String paragraph : entry.body().split("\n\n")) {
      html.append("<p>");
      String[] lines = paragraph.split("\n");
      for (int i = 0; i < lines.length; i++) {
        String line = HtmlUtils.htmlEscape(lines[i]);
        if (entry.link() != null && lines[i].equals(entry.link())) {
          line = "<a href=\"" + line + "\">" + line + "</a>";
        }
        html.append(i == 0 ? "" : "<br>\n").append(line);
      }
      html.append("</p>\n");
    }
    return html.append("</body>\n</html>\n").toString();
  }

  private static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder(failure.getClass().getSimpleName()).append(": ").append(failure.getMessage());
    Throwable cause = failure.getCause();
    for (int depth = 0; cause != null && depth < 3; depth++, cause = cause.getCause()) {
      text.append(" / ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
    }
    return text.toString();
  }

  @PreDestroy
  void stop() {
    thread.shutdownNow();
  }
}

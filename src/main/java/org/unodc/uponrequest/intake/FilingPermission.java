package org.unodc.uponrequest.intake;

import static org.unodc.uponrequest.process.TechnicalAssistanceProcess.PROCESS_KEY;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Whether a user may start a request at all, asked when the request is filed: the engine asks
 * again when it registers the request, but by then the filer has had its 201. The answer is kept
 * {@link #KEPT} per user and group set, as the tenants are ({@code security/ActingUser}): the two
 * authorization checks were a fifth of a filing's cost (ADR 0007 §11). A grant withdrawn applies to
 * filings within that time and to registration at once.
 */
@Component
public class FilingPermission {

  static final Duration KEPT = Duration.ofSeconds(30);
  /** Beyond this many users and group sets, the expired answers are dropped, then all, rather than grow without bound. */
  private static final int MAX_KEPT = 10_000;

  private record Key(String user, List<String> groups) {}

  private record Kept(boolean may, Instant until) {}

  private final AuthorizationService authorizationService;
  private final Clock clock;
  private final Map<Key, Kept> answers = new ConcurrentHashMap<>();

  @Autowired
  FilingPermission(@Lazy AuthorizationService authorizationService) {
    this(authorizationService, Clock.systemUTC());
  }

  FilingPermission(AuthorizationService authorizationService, Clock clock) {
    this.authorizationService = authorizationService;
    this.clock = clock;
  }

  /** The grants Camunda checks before a start: create a process instance, and create one of the request process. */
  public boolean mayFile(String user, Collection<String> groups) {
    Instant now = clock.instant();
    Key key = new Key(user, groups.stream().sorted().toList());
    Kept kept = answers.get(key);
    if (kept != null && now.isBefore(kept.until())) {
      return kept.may();
    }
    boolean may = ask(user, key.groups());
    if (answers.size() >= MAX_KEPT) {
      answers.entrySet().removeIf(entry -> !now.isBefore(entry.getValue().until()));
      if (answers.size() >= MAX_KEPT) {
        answers.clear();
      }
    }
    answers.put(key, new Kept(may, now.plus(KEPT)));
    return may;
  }

  private boolean ask(String user, List<String> groupIds) {
    return authorizationService.isUserAuthorized(user, groupIds, Permissions.CREATE, Resources.PROCESS_INSTANCE)
        && authorizationService.isUserAuthorized(user, groupIds, ProcessDefinitionPermissions.CREATE_INSTANCE,
            Resources.PROCESS_DEFINITION, PROCESS_KEY);
  }
}

package org.unodc.uponrequest.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls as the signed-in user, with their groups and tenants, so that Camunda's
 * authorizations, tenant checks and the integrity rules (ADR 0004) judge the portal's writes
 * exactly as they judge the same write through any other door.
 *
 * <p>The tenants of a user and their groups are kept for {@link #TENANTS_KEPT}: Camunda's query
 * for them (members directly or through a group) cost a tenth of the CPU of a filing on H2. Groups
 * already come from the sign-in; a tenant given to or taken from a group in Admin applies to the
 * portal and the API within that time.
 */
@Component
public class ActingUser {

  static final Duration TENANTS_KEPT = Duration.ofSeconds(30);
  /** Beyond this many users and group sets, what has expired is dropped, then all if need be, rather than grow without bound. */
  private static final int MAX_KEPT = 10_000;

  private record Key(String user, List<String> groups) {}

  private record Kept(List<String> tenants, Instant until) {}

  private final IdentityService identityService;
  private final Clock clock;
  private final Map<Key, Kept> tenants = new ConcurrentHashMap<>();

  @Autowired
  ActingUser(IdentityService identityService) {
    this(identityService, Clock.systemUTC());
  }

  ActingUser(IdentityService identityService, Clock clock) {
    this.identityService = identityService;
    this.clock = clock;
  }

  public <T> T call(Authentication caller, Supplier<T> work) {
    return call(caller.getName(), SignedInGroups.of(caller), work);
  }

  /** As {@link #call(Authentication, Supplier)}, for a user and groups recorded earlier (a filing registered later). */
  public <T> T call(String user, Collection<String> signedInGroups, Supplier<T> work) {
    List<String> groups = signedInGroups.stream().sorted().toList();
    identityService.setAuthentication(user, groups, keptTenants(user, groups));
    try {
      return work.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  public void run(Authentication caller, Runnable work) {
    call(caller, () -> {
      work.run();
      return null;
    });
  }

  /** The tenants of the user and these groups, as kept (engine-rest's calls ask here too). */
  List<String> tenantsOf(String user, Collection<String> groups) {
    return keptTenants(user, groups.stream().sorted().toList());
  }

  private List<String> keptTenants(String user, List<String> groups) {
    Instant now = clock.instant();
    Key key = new Key(user, groups);
    Kept kept = tenants.get(key);
    if (kept != null && now.isBefore(kept.until())) {
      return kept.tenants();
    }
    List<String> found = identityService.createTenantQuery().userMember(user).includingGroupsOfUser(true).list()
        .stream().map(Tenant::getId).toList();
    if (tenants.size() >= MAX_KEPT) {
      tenants.entrySet().removeIf(entry -> !now.isBefore(entry.getValue().until()));
      if (tenants.size() >= MAX_KEPT) {
        tenants.clear();
      }
    }
    tenants.put(key, new Kept(found, now.plus(TENANTS_KEPT)));
    return found;
  }
}

package org.unodc.uponrequest.security;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The Camunda groups of the signed-in user, as the sign-in put them in its Spring Security authorities. */
public final class SignedInGroups {

  /** A group's authority is this prefix and the group id. */
  static final String PREFIX = "GROUP_";

  private SignedInGroups() {}

  /**
   * Whether any of these groups is UNODC's, that is, not a member state's focal points: the one
   * rule that tells staff from member states (the engine's integrity rules, the engine's doors,
   * the landing page).
   */
  public static boolean includesStaff(java.util.Collection<String> groups) {
    return groups.stream().anyMatch(group -> !group.startsWith(org.unodc.uponrequest.process.Groups.focalPoints("")));
  }

  public static Set<String> of(Authentication authentication) {
    Set<String> groups = new TreeSet<>();
    if (authentication == null || !authentication.isAuthenticated()) {
      return groups;
    }
    for (GrantedAuthority authority : authentication.getAuthorities()) {
      String name = authority.getAuthority();
      if (name != null && name.startsWith(PREFIX)) {
        groups.add(name.substring(PREFIX.length()));
      }
    }
    return groups;
  }
}

package org.unodc.uponrequest.portal;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.unodc.uponrequest.process.Groups;
import org.unodc.uponrequest.security.SignedInGroups;

/** The member states whose focal point is asking: one in practice, though the model allows several. */
final class AskingStates {

  private static final String FOCAL = Groups.focalPoints("");

  private AskingStates() {}

  static Set<String> of(Authentication authentication) {
    return SignedInGroups.of(authentication).stream()
        .filter(group -> group.startsWith(FOCAL))
        .map(group -> group.substring(FOCAL.length()))
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }
}

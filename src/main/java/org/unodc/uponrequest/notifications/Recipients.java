package org.unodc.uponrequest.notifications;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.unodc.uponrequest.portal.Languages;

/**
 * Who a mail goes to: the members of a group who have an e-mail address, each in the language
 * they chose (the Camunda user info {@code locale} that the portal's language switcher stores),
 * else English. Looked up inside the step's command without the caller's authorizations ({@link
 * Privileged}): a focal point who files a request may not list HQ intake's members, yet they are
 * told of the new task.
 */
@Component
class Recipients {

  /** The user info key the portal keeps a user's language in (portal/UserLanguage). */
  static final String LOCALE_INFO = "locale";

  private final IdentityService identityService;

  Recipients(@Lazy IdentityService identityService) {
    this.identityService = identityService;
  }

  /** The members of a group with an e-mail address. */
  List<Recipient> membersOf(String group) {
    return Privileged.lookup(() -> identityService.createUserQuery().memberOfGroup(group).orderByUserId().asc().list().stream()
        .filter(user -> user.getEmail() != null && !user.getEmail().isBlank())
        .map(this::recipient)
        .toList());
  }

  /** An address given on a form: the user who has it, if any, else English. */
  Recipient address(String address) {
    return Privileged.lookup(() -> identityService.createUserQuery().userEmail(address.trim()).list().stream()
        .findFirst().map(this::recipient).orElseGet(() -> new Recipient(address.trim(), null, Languages.EN)));
  }

  /** One mail per address (the first recipient with it wins), in the order given. */
  static List<Recipient> distinct(Collection<Recipient> recipients) {
    Map<String, Recipient> byAddress = new LinkedHashMap<>();
    for (Recipient recipient : recipients) {
      byAddress.putIfAbsent(recipient.address().toLowerCase(Locale.ROOT), recipient);
    }
    return new ArrayList<>(byAddress.values());
  }

  private Recipient recipient(User user) {
    Languages language = Languages.of(identityService.getUserInfo(user.getId(), LOCALE_INFO)).orElse(Languages.EN);
    return new Recipient(user.getEmail().trim(), user.getId(), language);
  }
}

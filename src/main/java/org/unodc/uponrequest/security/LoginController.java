package org.unodc.uponrequest.security;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Controller;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.unodc.uponrequest.process.Groups;
import org.unodc.uponrequest.referencedata.DemoUser;
import org.unodc.uponrequest.referencedata.Group;
import org.unodc.uponrequest.referencedata.ReferenceData;

/**
 * The product's login page (the form posts to Spring Security) and the landing page after login.
 * In the demo profile the page says so and names the demo accounts, so nobody mistakes a demo for
 * the real system, nor its well-known passwords for real ones.
 */
@Controller
class LoginController {

  static final String TASKLIST = "/camunda/app/tasklist/default/";
  static final String PORTAL = "/portal/requests";

  /** A demo account as the sign-in page lists it: its user name and what its groups are called. */
  record DemoAccount(String id, String roles) {}

  private final List<DemoAccount> demoAccounts;

  LoginController(Environment environment, ReferenceData referenceData) {
    this.demoAccounts = !environment.acceptsProfiles(Profiles.of(DemoUsers.PROFILE)) ? List.of()
        : referenceData.demoUsers().stream().map(user -> new DemoAccount(user.id(), roles(user, referenceData))).toList();
  }

  private static String roles(DemoUser user, ReferenceData referenceData) {
    return user.groups().stream()
        .map(group -> referenceData.group(group).map(Group::name).orElse(group))
        .collect(Collectors.joining(", "));
  }

  @GetMapping(SecurityConfiguration.LOGIN_PAGE)
  String login(Model model) {
    model.addAttribute("demoAccounts", demoAccounts);
    model.addAttribute("demoPassword", DemoUsers.DEMO_PASSWORD);
    return "login";
  }

  /**
   * Member states' focal points land on their requests in the portal, managers on their dashboard,
   * other UNODC staff on their task list.
   */
  @GetMapping("/")
  String home(Authentication caller) {
    Set<String> groups = SignedInGroups.of(caller);
    boolean focalPointOnly = !groups.isEmpty() && !SignedInGroups.includesStaff(groups);
    if (focalPointOnly) {
      return "redirect:" + PORTAL;
    }
    return "redirect:" + (groups.contains(Groups.MANAGERS) ? SecurityConfiguration.MANAGER_PAGES : TASKLIST);
  }
}

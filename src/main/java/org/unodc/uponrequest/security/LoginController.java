package org.unodc.uponrequest.security;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The product's login page (the form posts to Spring Security) and the landing page after login. */
@Controller
class LoginController {

  static final String TASKLIST = "/camunda/app/tasklist/default/";

  @GetMapping(SecurityConfiguration.LOGIN_PAGE)
  String login() {
    return "login";
  }

  @GetMapping("/")
  String home() {
    return "redirect:" + TASKLIST;
  }
}

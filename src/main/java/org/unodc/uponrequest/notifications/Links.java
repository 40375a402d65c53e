package org.unodc.uponrequest.notifications;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Addresses the mails point to, on the product's public address ({@code uponrequest.public-url}). */
@Component
class Links {

  private final String base;

  Links(@Value("${uponrequest.public-url:http://localhost:8080}") String publicUrl) {
    this.base = publicUrl.trim().replaceAll("/+$", "");
  }

  /** The request's page in the member states' portal. */
  String request(String reference) {
    return base + "/portal/requests/" + encode(reference);
  }

  /** A step of the request that waits on the state, in the portal (its form). */
  String step(String reference, String taskId) {
    return request(reference) + "/tasks/" + encode(taskId);
  }

  /** The task in Tasklist. */
  String task(String taskId) {
    return base + "/camunda/app/tasklist/default/#/?task=" + encode(taskId);
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8);
  }
}

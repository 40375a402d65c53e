package org.unodc.uponrequest.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like HTTP client for security tests: keeps cookies, never follows redirects. */
final class HttpSession {

  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

  private final String base;
  private final HttpClient client;

  HttpSession(int port) {
    this.base = "http://localhost:" + port;
    this.client = HttpClient.newBuilder()
        .cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html,application/json").GET());
  }

  HttpResponse<String> getAs(String user, String password, String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
        .header("Authorization", basic(user, password)).GET());
  }

  HttpResponse<String> postForm(String path, String form) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  HttpResponse<String> postJsonAs(String user, String password, String path, String json) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .header("Authorization", basic(user, password)).POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** Signs in through the product's login page, with the CSRF token the page carries. */
  HttpResponse<String> login(String user, String password) {
    HttpResponse<String> page = get(SecurityConfiguration.LOGIN_PAGE);
    Matcher token = CSRF_FIELD.matcher(page.body());
    if (!token.find()) {
      throw new IllegalStateException("The login page has no CSRF token: " + page.body());
    }
    return postForm(SecurityConfiguration.LOGIN_PAGE,
        "username=" + user + "&password=" + password + "&_csrf=" + token.group(1));
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

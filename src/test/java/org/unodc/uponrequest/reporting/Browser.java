package org.unodc.uponrequest.reporting;

import java.io.IOException;
import java.io.UncheckedIOException;
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

/** A small HTTP client for the report pages' tests: a signed-in browser session, or a machine client with HTTP Basic. */
final class Browser {

  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

  private final String base;
  private final HttpClient client;

  Browser(int port) {
    this.base = "http://localhost:" + port;
    this.client = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** A browser signed in through the product's login page. */
  static Browser signedIn(int port, String user) {
    Browser browser = new Browser(port);
    HttpResponse<String> page = browser.get("/login");
    Matcher token = CSRF_FIELD.matcher(page.body());
    if (!token.find()) {
      throw new IllegalStateException("The login page has no CSRF token");
    }
    HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(browser.base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo&_csrf=" + token.group(1))),
        HttpResponse.BodyHandlers.ofString());
    if (login.statusCode() != 302 || login.headers().firstValue("Location").orElse("").contains("error")) {
      throw new IllegalStateException(user + " could not sign in: " + login.statusCode());
    }
    return browser;
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<byte[]> bytes(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** A machine client's JSON call with HTTP Basic (password demo), e.g. to engine-rest. */
  HttpResponse<String> json(String user, String method, String path, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    if (body != null) {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return send(request, HttpResponse.BodyHandlers.ofString());
  }

  private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
    try {
      return client.send(request.build(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

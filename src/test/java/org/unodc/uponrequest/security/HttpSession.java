package org.unodc.uponrequest.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like HTTP client for security tests: keeps cookies (unless a {@link #machine}), never follows redirects. */
final class HttpSession {

  private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

  /** Camunda's webapps send their CSRF token in this cookie and expect it back in the header. */
  static final String WEBAPP_CSRF_COOKIE = "XSRF-TOKEN";
  static final String WEBAPP_CSRF_HEADER = "X-XSRF-TOKEN";

  private final String base;
  private final CookieManager cookies;
  private final HttpClient client;

  HttpSession(int port) {
    this(port, new CookieManager());
  }

  /** A machine client: keeps no cookies, so every call stands on its own credentials. */
  static HttpSession machine(int port) {
    return new HttpSession(port, new CookieManager(null, CookiePolicy.ACCEPT_NONE));
  }

  private HttpSession(int port, CookieManager cookies) {
    this.base = "http://localhost:" + port;
    this.cookies = cookies;
    this.client = HttpClient.newBuilder()
        .cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html,application/json").GET());
  }

  /** A GET with one header more, e.g. a browser asking whether the copy it keeps is still current. */
  HttpResponse<String> getWithHeader(String path, String header, String value) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "*/*").header(header, value).GET());
  }

  /** A browser's page request that states the reader's languages, as browsers do. */
  HttpResponse<String> get(String path, String acceptLanguage) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html")
        .header("Accept-Language", acceptLanguage).GET());
  }

  /** The CSRF token of the first form on a product page. */
  static String csrfOf(HttpResponse<String> page) {
    Matcher token = CSRF_FIELD.matcher(page.body());
    if (!token.find()) {
      throw new IllegalStateException("The page has no CSRF token: " + page.body());
    }
    return token.group(1);
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

  /** A request the Camunda webapps would send: form body and Camunda's CSRF header from its cookie. */
  HttpResponse<String> postAsWebapp(String path, String form) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .header(WEBAPP_CSRF_HEADER, cookie(WEBAPP_CSRF_COOKIE).orElse(""))
        .POST(HttpRequest.BodyPublishers.ofString(form)));
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

  /** The value of a cookie this client holds, e.g. Camunda's {@link #WEBAPP_CSRF_COOKIE}. */
  Optional<String> cookie(String name) {
    return cookies.getCookieStore().getCookies().stream()
        .filter(cookie -> cookie.getName().equals(name))
        .map(HttpCookie::getValue)
        .findFirst();
  }

  /**
   * A call as the browser session makes it: JSON in and out, and for state-changing methods the
   * webapps' CSRF header from their cookie (as Camunda's own front end sends it).
   */
  HttpResponse<String> exchange(String method, String path, String json) {
    return exchange(method, path, json, "application/json");
  }

  /** As {@link #exchange(String, String, String)}, accepting the given media type. */
  HttpResponse<String> exchange(String method, String path, String json, String accept) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept);
    if (!method.equals("GET") && !method.equals("HEAD")) {
      cookie(WEBAPP_CSRF_COOKIE).ifPresent(token -> request.header(WEBAPP_CSRF_HEADER, token));
    }
    return send(withBody(request, method, json));
  }

  /** A machine client's call: HTTP Basic, JSON in and out, no session. */
  HttpResponse<String> exchangeAs(String user, String password, String method, String path, String json) {
    return exchangeAs(user, password, method, path, json, "application/json");
  }

  /** As {@link #exchangeAs(String, String, String, String, String)}, accepting the given media type. */
  HttpResponse<String> exchangeAs(String user, String password, String method, String path, String json, String accept) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept)
        .header("Authorization", basic(user, password));
    return send(withBody(request, method, json));
  }

  /** A multipart/form-data POST with HTTP Basic; parts are name, value pairs (text parts only). */
  HttpResponse<String> postMultipartAs(String user, String password, String path, String... nameValuePairs) {
    String boundary = "----uponrequest" + Long.toHexString(System.nanoTime());
    StringBuilder body = new StringBuilder();
    for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
      body.append("--").append(boundary).append("\r\n")
          .append("Content-Disposition: form-data; name=\"").append(nameValuePairs[i]).append("\"\r\n\r\n")
          .append(nameValuePairs[i + 1]).append("\r\n");
    }
    body.append("--").append(boundary).append("--\r\n");
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
        .header("Authorization", basic(user, password))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
  }

  /**
   * A browser's form upload: multipart/form-data with one file part and the given text parts
   * (name, value pairs, e.g. the page's {@code _csrf}), with this session's cookies.
   */
  HttpResponse<String> postFile(String path, String field, String filename, String contentType, byte[] content,
      String... textPairs) {
    return send(multipart(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html"),
        field, filename, contentType, content, textPairs));
  }

  /** A machine client's upload: HTTP Basic, multipart/form-data with one file part, JSON back. */
  HttpResponse<String> postFileAs(String user, String password, String path, String field, String filename,
      String contentType, byte[] content) {
    return send(multipart(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json")
        .header("Authorization", basic(user, password)), field, filename, contentType, content));
  }

  /**
   * Any request, as sent by a careless or hostile client: the given Content-Type (none if null) and
   * body bytes (none if null), HTTP Basic if {@code user} is given, else this session's cookies and,
   * for writes, the webapps' CSRF header (and the portal's, {@code csrf}, if given).
   */
  HttpResponse<String> raw(String user, String method, String path, String contentType, byte[] body, String accept,
      String csrf) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept);
    if (user != null) {
      request.header("Authorization", basic(user, "demo"));
    } else if (!method.equals("GET")) {
      cookie(WEBAPP_CSRF_COOKIE).ifPresent(token -> request.header(WEBAPP_CSRF_HEADER, token));
    }
    if (csrf != null) {
      request.header("X-CSRF-TOKEN", csrf);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  /** A download with this session's cookies, the body as bytes. */
  HttpResponse<byte[]> download(String path) {
    return sendForBytes(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  /** A machine client's download: HTTP Basic, the body as bytes. */
  HttpResponse<byte[]> downloadAs(String user, String password, String path) {
    return sendForBytes(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", basic(user, password)).GET());
  }

  private static HttpRequest.Builder multipart(HttpRequest.Builder request, String field, String filename,
      String contentType, byte[] content, String... textPairs) {
    String boundary = "----uponrequest" + Long.toHexString(System.nanoTime());
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    StringBuilder texts = new StringBuilder();
    for (int i = 0; i + 1 < textPairs.length; i += 2) {
      texts.append("--").append(boundary).append("\r\n")
          .append("Content-Disposition: form-data; name=\"").append(textPairs[i]).append("\"\r\n\r\n")
          .append(textPairs[i + 1]).append("\r\n");
    }
    body.writeBytes(texts.toString().getBytes(StandardCharsets.UTF_8));
    if (field != null) {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
          + filename + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(content);
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
  }

  private HttpResponse<byte[]> sendForBytes(HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest.Builder withBody(HttpRequest.Builder request, String method, String json) {
    if (json == null) {
      return request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return request.header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
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

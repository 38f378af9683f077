package io.modelops.orchestrator.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A web site on another origin ({@code http://localhost:<other port>}) that serves the pages a test
 * gives it: the attacker's side of a cross-site request forgery test. The same host name on another
 * port is a different origin of the same site, so the browser even sends the orchestrator's {@code
 * SameSite=Lax} cookies along with its requests.
 */
public final class ForeignSite implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, String> pages = new ConcurrentHashMap<>();

  public ForeignSite() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          String page = pages.get(exchange.getRequestURI().getPath());
          byte[] body = (page == null ? "not found" : page).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  /** Serves the HTML document at the path; returns its address. */
  public String serve(String path, String html) {
    pages.put(path, html);
    return origin() + path;
  }

  public String origin() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

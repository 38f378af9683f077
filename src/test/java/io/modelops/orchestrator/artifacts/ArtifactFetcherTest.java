package io.modelops.orchestrator.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

class ArtifactFetcherTest {

  @TempDir Path root;
  @TempDir Path outside;

  private ServerSocket listener;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<HttpServer> servers = new ArrayList<>();

  @BeforeEach
  void listen() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accepting =
        new Thread(
            () -> {
              while (!listener.isClosed()) {
                try (Socket ignored = listener.accept()) {
                  connections.incrementAndGet();
                } catch (IOException e) {
                  return;
                }
              }
            });
    accepting.setDaemon(true);
    accepting.start();
  }

  @AfterEach
  void close() throws IOException {
    listener.close();
    servers.forEach(s -> s.stop(0));
  }

  private ArtifactFetcher fetcher(List<String> hosts, boolean http, boolean privateAddresses) {
    return new ArtifactFetcher(
        new ArtifactProperties(
            List.of(root),
            hosts,
            http,
            privateAddresses,
            DataSize.ofKilobytes(64),
            Duration.ofSeconds(2),
            Duration.ofSeconds(3),
            DataSize.ofMegabytes(1),
            DataSize.ofMegabytes(4)));
  }

  private ArtifactFetcher defaults() {
    return fetcher(List.of(), false, false);
  }

  @Test
  void shouldGiveTheSameAnswerForOpenAndClosedPortsAndExistingAndMissingFilesWithoutTouchingThem()
      throws IOException {
    int open = listener.getLocalPort();
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Path existing = Files.writeString(outside.resolve("existing.dmn"), "<definitions/>");
    Path missing = outside.resolve("missing.dmn");

    String openAnswer = refusal(defaults(), "https://127.0.0.1:" + open + "/model.dmn");
    String closedAnswer = refusal(defaults(), "https://127.0.0.1:" + closed + "/model.dmn");
    String existingAnswer = refusal(defaults(), existing.toUri().toString());
    String missingAnswer = refusal(defaults(), missing.toUri().toString());

    assertThat(openAnswer).isEqualTo(closedAnswer).contains("is not an allowed artifact host");
    assertThat(existingAnswer)
        .isEqualTo(missingAnswer)
        .isEqualTo(
            "file artifacts must lie under the configured artifact directories (modelops.artifacts.file-roots)");
    assertThat(connections).hasValue(0);
  }

  @Test
  void shouldRefuseEveryWayOutOfTheRoots() throws IOException {
    Files.writeString(outside.resolve("secret.dmn"), "<definitions/>");
    Path link = root.resolve("link.dmn");
    Files.createSymbolicLink(link, outside.resolve("secret.dmn"));
    Path dirLink = root.resolve("dir");
    Files.createSymbolicLink(dirLink, outside);
    String up = root.toUri() + "../" + outside.getFileName() + "/secret.dmn";
    String encoded = root.toUri() + "%2e%2e/" + outside.getFileName() + "/secret.dmn";

    assertThat(refusal(defaults(), up))
        .contains("must lie under the configured artifact directories");
    assertThat(refusal(defaults(), encoded))
        .contains("must lie under the configured artifact directories");
    assertThat(refusal(defaults(), "file://localhost" + outside.resolve("secret.dmn")))
        .contains("must not name a host");
    assertThat(refusal(defaults(), "file:" + outside.resolve("secret.dmn")))
        .contains("must lie under");
    assertThat(refusal(defaults(), "file:relative.dmn")).contains("absolute and hierarchical");
    // symbolic links inside the root that lead out of it: the generic answer
    for (String uri : List.of(link.toUri().toString(), dirLink.toUri() + "/secret.dmn")) {
      assertThatThrownBy(() -> defaults().fetch(uri))
          .isInstanceOf(ArtifactUnavailableException.class)
          .hasMessageStartingWith("The artifact could not be fetched (reference ")
          .hasMessageNotContaining(outside.toString());
    }
  }

  @Test
  void shouldReadFilesUnderTheRootsUpToTheLimit() throws IOException {
    Path dmn = Files.writeString(root.resolve("model.dmn"), "<definitions/>");
    Path huge = Files.write(root.resolve("huge.dmn"), new byte[64 * 1024 + 1]);

    assertThat(new String(defaults().fetch(dmn.toUri().toString()), StandardCharsets.UTF_8))
        .isEqualTo("<definitions/>");
    assertThat(refusal(defaults(), huge.toUri().toString())).contains("larger than 65536 bytes");
  }

  @Test
  void shouldRefuseLoopbackInEveryDisguiseWithoutConnecting() {
    int port = listener.getLocalPort();
    List<String> uris =
        List.of(
            "https://localhost:" + port + "/m.dmn",
            "https://localhost.:" + port + "/m.dmn",
            "https://[::1]:" + port + "/m.dmn",
            "https://2130706433:" + port + "/m.dmn",
            "https://0x7f000001:" + port + "/m.dmn",
            "https://127.1:" + port + "/m.dmn",
            "https://0.0.0.0:" + port + "/m.dmn",
            "https://user:secret@127.0.0.1:" + port + "/m.dmn",
            "https://allowed.example@127.0.0.1:" + port + "/m.dmn",
            "http://127.0.0.1:" + port + "/m.dmn",
            "ftp://127.0.0.1:" + port + "/m.dmn",
            "jar:file:/tmp/x.jar!/m.dmn",
            "HTTPS://127.0.0.1:" + port + "/m.dmn");
    ArtifactFetcher fetcher = fetcher(List.of("allowed.example"), false, false);
    for (String uri : uris) {
      assertThat(catchThrowable(() -> fetcher.fetch(uri)))
          .as(uri)
          .isInstanceOf(ArtifactRefusedException.class);
    }
    assertThat(connections).hasValue(0);
  }

  @Test
  void shouldRefuseAnAllowedHostThatResolvesToLoopback() {
    int port = listener.getLocalPort();
    ArtifactFetcher fetcher =
        fetcher(List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port), false, false);

    for (String host : List.of("localhost", "127.0.0.1", "[::1]")) {
      assertThat(refusal(fetcher, "https://" + host + ":" + port + "/m.dmn"))
          .contains(
              "resolves to a loopback, private, link-local, multicast or unspecified address");
    }
    assertThat(connections).hasValue(0);
  }

  @Test
  void shouldNotFollowRedirects() throws IOException {
    HttpServer redirecting = server();
    redirecting.createContext(
        "/m.dmn",
        exchange -> {
          exchange
              .getResponseHeaders()
              .add("Location", "http://127.0.0.1:" + listener.getLocalPort() + "/m.dmn");
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    String host = "127.0.0.1:" + redirecting.getAddress().getPort();

    Throwable refused =
        catchThrowable(() -> fetcher(List.of(host), true, true).fetch("http://" + host + "/m.dmn"));

    assertThat(refused)
        .isInstanceOf(ArtifactUnavailableException.class)
        .hasMessageNotContaining(String.valueOf(listener.getLocalPort()));
    assertThat(connections).hasValue(0);
  }

  @Test
  void shouldStopReadingAtTheSizeLimit() throws IOException {
    byte[] big = new byte[1024 * 1024];
    HttpServer server = server();
    server.createContext(
        "/m.dmn",
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          try {
            for (int i = 0; i < 16; i++) {
              exchange.getResponseBody().write(big);
            }
          } catch (IOException e) {
            // the client stopped reading
          }
          exchange.close();
        });
    String host = "127.0.0.1:" + server.getAddress().getPort();

    assertThat(refusal(fetcher(List.of(host), true, true), "http://" + host + "/m.dmn"))
        .contains("larger than 65536 bytes");
  }

  @Test
  void shouldKnowWhichAddressesAreInternal() throws IOException {
    for (String internal :
        List.of(
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fe80::1",
            "fd00::1",
            "fc00::1",
            "::ffff:127.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::",
            "ff02::1")) {
      assertThat(ArtifactFetcher.isInternal(InetAddress.getByName(internal))).as(internal).isTrue();
    }
    for (String external : List.of("93.184.216.34", "8.8.8.8", "2606:4700::1111")) {
      assertThat(ArtifactFetcher.isInternal(InetAddress.getByName(external)))
          .as(external)
          .isFalse();
    }
  }

  private HttpServer server() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.start();
    servers.add(server);
    return server;
  }

  private static String refusal(ArtifactFetcher fetcher, String uri) {
    Throwable thrown = catchThrowable(() -> fetcher.fetch(uri));
    assertThat(thrown).as(uri).isInstanceOf(ArtifactRefusedException.class);
    return thrown.getMessage();
  }
}

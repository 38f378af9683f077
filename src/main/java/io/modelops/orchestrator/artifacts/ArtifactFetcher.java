package io.modelops.orchestrator.artifacts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads artifacts for the orchestrator itself, within {@link ArtifactProperties}:
 *
 * <ul>
 *   <li>{@code file:} only under the configured directories, checked on the path as written and
 *       again on the real path (symbolic links and {@code ..} resolved);
 *   <li>{@code https:} only from the configured hosts (and ports), plain {@code http:} only when
 *       allowed; no credentials in the URI, no redirects, no proxy;
 *   <li>no connection to a loopback, private, link-local, multicast or unspecified address unless
 *       allowed: every address the host resolves to is checked;
 *   <li>at most {@code max-size} bytes, within the connect and read timeouts.
 * </ul>
 *
 * <p>Refusals by these rules ({@link ArtifactRefusedException}) say which rule; they depend on the
 * URI and the configuration only. Anything else that goes wrong (a missing file, a host that does
 * not answer, an HTTP error) is an {@link ArtifactUnavailableException} that carries a reference
 * only; the details are logged under it. So the messages, which end up in incidents and API
 * answers, never tell which files exist or which addresses answer.
 */
public class ArtifactFetcher {

  private static final Logger log = LoggerFactory.getLogger(ArtifactFetcher.class);

  private static final String FILE_ROOTS_RULE =
      "file artifacts must lie under the configured artifact directories"
          + " (modelops.artifacts.file-roots)";

  private final ArtifactProperties properties;
  private final List<Path> roots;
  private final HttpClient http;

  public ArtifactFetcher(ArtifactProperties properties) {
    this.properties = properties;
    List<Path> resolved = new ArrayList<>();
    for (Path root : properties.fileRoots()) {
      Path absolute = root.toAbsolutePath().normalize();
      resolved.add(absolute);
      try {
        Path real = absolute.toRealPath();
        if (!real.equals(absolute)) {
          resolved.add(real);
        }
      } catch (IOException e) {
        log.info("Artifact directory {} does not exist (yet)", absolute);
      }
    }
    this.roots = List.copyOf(resolved);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(properties.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(HttpClient.Builder.NO_PROXY)
            .build();
  }

  /**
   * Checks a URI against the rules that need no file or network access: scheme, credentials, host
   * and port, and (for {@code file:}) the path as written.
   *
   * @return the parsed URI
   * @throws ArtifactRefusedException naming the rule
   */
  public URI checkReference(String artifactUri) {
    if (artifactUri == null || artifactUri.isBlank()) {
      throw new ArtifactRefusedException("no artifact URI given");
    }
    URI uri;
    try {
      uri = new URI(artifactUri);
    } catch (URISyntaxException e) {
      throw new ArtifactRefusedException("the artifact URI is not a valid URI");
    }
    if (uri.getScheme() == null || uri.isOpaque()) {
      throw new ArtifactRefusedException(
          "the artifact URI must be absolute and hierarchical, such as file:///... or https://...");
    }
    if (uri.getRawUserInfo() != null) {
      throw new ArtifactRefusedException("the artifact URI must not carry credentials");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "file" -> filePath(uri);
      case "https" -> checkHost(uri, 443);
      case "http" -> {
        if (!properties.allowHttp()) {
          throw new ArtifactRefusedException(
              "plain http is not allowed for artifacts; use https (modelops.artifacts.allow-http)");
        }
        checkHost(uri, 80);
      }
      default ->
          throw new ArtifactRefusedException(
              "scheme '"
                  + shown(uri.getScheme())
                  + "' is not supported for artifacts the orchestrator reads; use file: or https:");
    }
    return uri;
  }

  /** Reads the artifact; see the class description for the rules. */
  public byte[] fetch(String artifactUri) {
    URI uri = checkReference(artifactUri);
    return uri.getScheme().equalsIgnoreCase("file") ? readFile(uri) : download(uri);
  }

  private Path filePath(URI uri) {
    if (uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty()) {
      throw new ArtifactRefusedException("file artifact URIs must not name a host");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new ArtifactRefusedException("file artifact URIs must not have a query or fragment");
    }
    Path path;
    try {
      path = Path.of(new URI("file", null, uri.getPath(), null));
    } catch (URISyntaxException
        | IllegalArgumentException
        | java.nio.file.FileSystemNotFoundException e) {
      throw new ArtifactRefusedException("the artifact URI is not a valid file URI");
    }
    Path normalized = path.normalize();
    if (!normalized.isAbsolute() || roots.stream().noneMatch(normalized::startsWith)) {
      throw new ArtifactRefusedException(FILE_ROOTS_RULE);
    }
    return normalized;
  }

  private void checkHost(URI uri, int defaultPort) {
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new ArtifactRefusedException("the artifact URI must name a host");
    }
    host = host.toLowerCase(Locale.ROOT);
    int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
    for (String allowed : properties.allowedHosts()) {
      if (matches(allowed, host, port, defaultPort)) {
        return;
      }
    }
    throw new ArtifactRefusedException(
        "host '"
            + shown(host)
            + "' (or its port) is not an allowed artifact host (modelops.artifacts.allowed-hosts)");
  }

  /** {@code allowed} is {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}. */
  private static boolean matches(String allowed, String host, int port, int defaultPort) {
    String allowedHost = allowed;
    String allowedPort = null;
    if (allowed.startsWith("[")) {
      int end = allowed.indexOf(']');
      if (end < 0) {
        return false;
      }
      allowedHost = allowed.substring(0, end + 1);
      if (end + 1 < allowed.length()) {
        if (allowed.charAt(end + 1) != ':') {
          return false;
        }
        allowedPort = allowed.substring(end + 2);
      }
    } else if (allowed.indexOf(':') > 0 && allowed.indexOf(':') == allowed.lastIndexOf(':')) {
      allowedHost = allowed.substring(0, allowed.indexOf(':'));
      allowedPort = allowed.substring(allowed.indexOf(':') + 1);
    }
    int expectedPort;
    try {
      expectedPort = allowedPort == null ? defaultPort : Integer.parseInt(allowedPort);
    } catch (NumberFormatException e) {
      return false;
    }
    return allowedHost.equals(host) && expectedPort == port;
  }

  private byte[] readFile(URI uri) {
    Path path = filePath(uri);
    String reference = reference();
    Path real;
    try {
      real = path.toRealPath();
    } catch (IOException e) {
      throw unavailable(reference, uri, "cannot resolve " + path + ": " + e);
    }
    if (roots.stream().noneMatch(real::startsWith)) {
      throw unavailable(
          reference, uri, path + " leads to " + real + ", outside the artifact directories");
    }
    if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
      throw unavailable(reference, uri, real + " is not a regular file");
    }
    try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
      byte[] content =
          in.readNBytes(Math.toIntExact(Math.min(Integer.MAX_VALUE - 8, maxSize() + 1)));
      if (content.length > maxSize()) {
        throw tooLarge();
      }
      return content;
    } catch (IOException e) {
      throw unavailable(reference, uri, "cannot read " + real + ": " + e);
    }
  }

  private byte[] download(URI uri) {
    String reference = reference();
    String host = uri.getHost();
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw unavailable(reference, uri, "cannot resolve " + host + ": " + e.getMessage());
    }
    if (!properties.allowPrivateAddresses()) {
      for (InetAddress address : addresses) {
        if (isInternal(address)) {
          log.warn(
              "Artifact host {} resolves to {}, which is not allowed (reference {})",
              host,
              address.getHostAddress(),
              reference);
          throw new ArtifactRefusedException(
              "host '"
                  + shown(host)
                  + "' resolves to a loopback, private, link-local, multicast or unspecified"
                  + " address, which is not allowed (modelops.artifacts.allow-private-addresses)");
        }
      }
    }
    HttpRequest get =
        HttpRequest.newBuilder(uri)
            .timeout(properties.readTimeout())
            .header("Accept", "application/xml, text/xml, */*")
            .GET()
            .build();
    CompletableFuture<HttpResponse<byte[]>> response =
        http.sendAsync(
            get,
            info ->
                info.statusCode() >= 200 && info.statusCode() <= 299
                    ? new LimitedBody(maxSize())
                    : HttpResponse.BodySubscribers.replacing(new byte[0]));
    try {
      HttpResponse<byte[]> answer =
          response.get(properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
      if (answer.statusCode() < 200 || answer.statusCode() > 299) {
        String location = answer.headers().firstValue("Location").orElse(null);
        throw unavailable(
            reference,
            uri,
            "HTTP "
                + answer.statusCode()
                + (location == null ? "" : " (redirect to " + location + " not followed)"));
      }
      return answer.body();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TooLargeException) {
        throw tooLarge();
      }
      throw unavailable(reference, uri, String.valueOf(e.getCause()));
    } catch (TimeoutException e) {
      response.cancel(true);
      throw unavailable(reference, uri, "no complete answer within " + properties.readTimeout());
    } catch (InterruptedException e) {
      response.cancel(true);
      Thread.currentThread().interrupt();
      throw unavailable(reference, uri, "interrupted");
    }
  }

  /**
   * True for addresses an artifact host may not have: loopback, unspecified, link-local, private
   * (IPv4 site-local and shared address space, IPv6 unique-local and site-local), multicast,
   * reserved and broadcast, also when embedded in an IPv6 address.
   */
  static boolean isInternal(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (b.length == 4) {
      return isInternalIpv4(b);
    }
    if ((b[0] & 0xfe) == 0xfc) {
      return true; // fc00::/7 unique local
    }
    boolean zeroPrefix = true;
    for (int i = 0; i < 10; i++) {
      zeroPrefix &= b[i] == 0;
    }
    if (zeroPrefix
        && ((b[10] == 0 && b[11] == 0) || (b[10] == (byte) 0xff && b[11] == (byte) 0xff))) {
      return true; // IPv4-compatible or -mapped: not used for artifact hosts
    }
    boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b;
    if (nat64) {
      return isInternalIpv4(new byte[] {b[12], b[13], b[14], b[15]});
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return isInternalIpv4(new byte[] {b[2], b[3], b[4], b[5]}); // 6to4
    }
    return false;
  }

  private static boolean isInternalIpv4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    return a0 == 0
        || a0 == 10
        || a0 == 127
        || (a0 == 100 && (a1 & 0xc0) == 64)
        || (a0 == 169 && a1 == 254)
        || (a0 == 172 && (a1 & 0xf0) == 16)
        || (a0 == 192 && a1 == 168)
        || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0)
        || (a0 == 198 && (a1 == 18 || a1 == 19))
        || a0 >= 224;
  }

  private long maxSize() {
    return properties.maxSize().toBytes();
  }

  private ArtifactRefusedException tooLarge() {
    return new ArtifactRefusedException(
        "the artifact is larger than " + maxSize() + " bytes (modelops.artifacts.max-size)");
  }

  private static String reference() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  private static ArtifactUnavailableException unavailable(
      String reference, URI uri, String detail) {
    log.warn("Artifact {} could not be fetched (reference {}): {}", redact(uri), reference, detail);
    return new ArtifactUnavailableException(reference);
  }

  private static String redact(URI uri) {
    return uri.getScheme()
        + "://"
        + (uri.getRawAuthority() == null ? "" : uri.getRawAuthority())
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  private static String shown(String value) {
    String printable = value.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= 100 ? printable : printable.substring(0, 100) + "…";
  }

  private static final class TooLargeException extends IOException {
    TooLargeException() {
      super("too large");
    }
  }

  /** Collects a response body of at most {@code max} bytes; cancels the download beyond. */
  private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

    private final long max;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    LimitedBody(long max) {
      this.max = max;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer buffer : items) {
        if (body.size() + (long) buffer.remaining() > max) {
          result.completeExceptionally(new TooLargeException());
          subscription.cancel();
          return;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        body.writeBytes(bytes);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      result.complete(body.toByteArray());
    }
  }
}

package io.modelops.orchestrator.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP/1.1 over a plain socket, for what ordinary clients will not send: chunked bodies of any size
 * generated on the fly (never held in memory), and bodies longer than their declared
 * Content-Length. The answer is read while the body is still being sent, as a server may answer
 * (and close the connection) before it has read the whole body.
 */
public final class RawHttp {

  /**
   * What came back.
   *
   * @param status the status of the first response; -1 when none arrived (the connection was reset
   *     or closed first)
   * @param millis from the first byte sent to the status line (or to the failure)
   * @param bytesSent body bytes the server accepted from us before it answered or closed
   * @param reset the connection was reset or closed before the whole body was sent
   */
  public record Result(
      int status,
      Map<String, String> headers,
      String body,
      long millis,
      long bytesSent,
      boolean reset) {

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private static final int CHUNK = 64 * 1024;

  private RawHttp() {}

  public static String basic(String user) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends {@code prefix}, then spaces (JSON whitespace) up to {@code totalBytes}, as a chunked
   * body, and reads the answer concurrently.
   */
  public static Result chunked(
      int port,
      String method,
      String path,
      Map<String, String> headers,
      byte[] prefix,
      long totalBytes) {
    return chunked(port, method, path, headers, prefix, new byte[] {' '}, totalBytes);
  }

  /**
   * Sends {@code prefix}, then {@code pattern} repeated up to {@code totalBytes}, as a chunked
   * body, and reads the answer concurrently.
   */
  public static Result chunked(
      int port,
      String method,
      String path,
      Map<String, String> headers,
      byte[] prefix,
      byte[] pattern,
      long totalBytes) {
    byte[] filler = new byte[CHUNK - CHUNK % pattern.length];
    for (int i = 0; i < filler.length; i++) {
      filler[i] = pattern[i % pattern.length];
    }
    StringBuilder head = requestLine(method, path, headers);
    head.append("Transfer-Encoding: chunked\r\n\r\n");
    return exchange(
        port,
        head.toString().getBytes(StandardCharsets.ISO_8859_1),
        (out, sent, stop) -> {
          long remaining = totalBytes;
          int first = (int) Math.min(prefix.length, remaining);
          writeChunk(out, prefix, first);
          sent.addAndGet(first);
          remaining -= first;
          while (remaining > 0 && !stop.get()) {
            int n = (int) Math.min(filler.length, remaining);
            writeChunk(out, filler, n);
            sent.addAndGet(n);
            remaining -= n;
          }
          out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
          out.flush();
        });
  }

  /** Declares {@code declared} as Content-Length, then sends all of {@code body}. */
  public static Result lyingContentLength(
      int port,
      String method,
      String path,
      Map<String, String> headers,
      byte[] body,
      long declared) {
    StringBuilder head = requestLine(method, path, headers);
    head.append("Content-Length: ").append(declared).append("\r\n\r\n");
    return exchange(
        port,
        head.toString().getBytes(StandardCharsets.ISO_8859_1),
        (out, sent, stop) -> {
          for (int off = 0; off < body.length && !stop.get(); off += CHUNK) {
            int n = Math.min(CHUNK, body.length - off);
            out.write(body, off, n);
            sent.addAndGet(n);
          }
          out.flush();
        });
  }

  private interface BodyWriter {
    void write(OutputStream out, AtomicLong sent, AtomicBoolean stop) throws IOException;
  }

  private static StringBuilder requestLine(
      String method, String path, Map<String, String> headers) {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    head.append("Host: localhost\r\n");
    head.append("Accept: application/json, application/problem+json\r\n");
    if (!headers.containsKey("Content-Type")) {
      head.append("Content-Type: application/json\r\n");
    }
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    return head;
  }

  private static void writeChunk(OutputStream out, byte[] data, int length) throws IOException {
    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(data, 0, length);
    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
  }

  private static Result exchange(int port, byte[] head, BodyWriter body) {
    AtomicLong sent = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean reset = new AtomicBoolean();
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      Thread sender =
          new Thread(
              () -> {
                try {
                  out.write(head);
                  body.write(out, sent, stop);
                } catch (IOException e) {
                  reset.set(true);
                }
              },
              "raw-http-sender");
      sender.setDaemon(true);
      sender.start();
      InputStream in = socket.getInputStream();
      Result result;
      try {
        result = read(in, start, sent);
      } catch (SocketException e) {
        result = new Result(-1, Map.of(), "", elapsed(start), sent.get(), true);
      }
      stop.set(true);
      socket.close();
      sender.join(30_000);
      return new Result(
          result.status(),
          result.headers(),
          result.body(),
          result.millis(),
          sent.get(),
          reset.get() || result.reset());
    } catch (IOException e) {
      return new Result(-1, Map.of(), e.toString(), elapsed(start), sent.get(), true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Result read(InputStream in, long start, AtomicLong sent) throws IOException {
    String statusLine = line(in);
    if (statusLine == null) {
      return new Result(-1, Map.of(), "", elapsed(start), sent.get(), true);
    }
    long millis = elapsed(start);
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    String body = "";
    try {
      if (headers.containsKey("content-length")) {
        body =
            new String(
                in.readNBytes(Integer.parseInt(headers.get("content-length"))),
                StandardCharsets.UTF_8);
      } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = readChunked(in);
      }
    } catch (SocketException e) {
      return new Result(status, headers, body, millis, sent.get(), true);
    }
    return new Result(status, headers, body, millis, sent.get(), false);
  }

  private static String readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      if (size == null) {
        break;
      }
      int n = Integer.parseInt(size.split(";")[0].trim(), 16);
      if (n == 0) {
        line(in);
        break;
      }
      body.write(in.readNBytes(n));
      line(in);
    }
    return body.toString(StandardCharsets.UTF_8);
  }

  /** A CRLF-terminated line, or null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  private static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}

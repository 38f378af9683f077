package io.modelops.orchestrator.web;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request whose body can be read up to a limit: reading past it fails with {@link
 * BodyTooLargeException}, then and on every later read. At most the limit plus one byte is ever
 * read from the connection.
 */
final class LimitedBodyRequest extends HttpServletRequestWrapper {

  /** Thrown by every read once the body went past the limit. */
  static final class BodyTooLargeException extends IOException {
    BodyTooLargeException(long limit) {
      super("Request body larger than " + limit + " bytes");
    }
  }

  private final long limit;
  private volatile boolean exceeded;
  private ServletInputStream stream;
  private BufferedReader reader;

  LimitedBodyRequest(HttpServletRequest request, long limit) {
    super(request);
    this.limit = limit;
  }

  boolean exceeded() {
    return exceeded;
  }

  @Override
  public ServletInputStream getInputStream() throws IOException {
    if (reader != null) {
      throw new IllegalStateException("getReader() was called on this request");
    }
    if (stream == null) {
      stream = new Limited(super.getInputStream());
    }
    return stream;
  }

  @Override
  public BufferedReader getReader() throws IOException {
    if (reader == null) {
      if (stream != null) {
        throw new IllegalStateException("getInputStream() was called on this request");
      }
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
      reader =
          new BufferedReader(new InputStreamReader(new Limited(super.getInputStream()), charset));
    }
    return reader;
  }

  private final class Limited extends ServletInputStream {

    private final ServletInputStream in;
    private long count;

    Limited(ServletInputStream in) {
      this.in = in;
    }

    private void check() throws BodyTooLargeException {
      if (exceeded) {
        throw new BodyTooLargeException(limit);
      }
    }

    private void counted(long n) throws BodyTooLargeException {
      count += n;
      if (count > limit) {
        exceeded = true;
        throw new BodyTooLargeException(limit);
      }
    }

    @Override
    public int read() throws IOException {
      check();
      int b = in.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      check();
      // never more than one byte past the limit
      int n = in.read(b, off, (int) Math.min(len, limit - count + 1));
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    @Override
    public boolean isFinished() {
      return exceeded || in.isFinished();
    }

    @Override
    public boolean isReady() {
      return !exceeded && in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }

    @Override
    public int available() throws IOException {
      return exceeded ? 0 : in.available();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}

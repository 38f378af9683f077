package io.modelops.orchestrator.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * The response of a request whose body may go past the limit. Once it has, whatever the reader
 * answers (a 400 of a JSON parser, a 500 of an exception mapper, an error page) is discarded, so
 * that {@link RequestSizeLimitFilter} answers 413 however the reader handled the failed read.
 */
final class LimitedBodyResponse extends HttpServletResponseWrapper {

  private final BooleanSupplier discard;
  private ServletOutputStream stream;
  private PrintWriter writer;

  LimitedBodyResponse(HttpServletResponse response, BooleanSupplier discard) {
    super(response);
    this.discard = discard;
  }

  private boolean discarding() {
    return discard.getAsBoolean();
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (stream == null) {
      ServletOutputStream out = super.getOutputStream();
      stream =
          new ServletOutputStream() {
            @Override
            public void write(int b) throws IOException {
              if (!discarding()) {
                out.write(b);
              }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              if (!discarding()) {
                out.write(b, off, len);
              }
            }

            @Override
            public void flush() throws IOException {
              if (!discarding()) {
                out.flush();
              }
            }

            @Override
            public void close() throws IOException {
              if (!discarding()) {
                out.close();
              }
            }

            @Override
            public boolean isReady() {
              return out.isReady();
            }

            @Override
            public void setWriteListener(WriteListener listener) {
              out.setWriteListener(listener);
            }
          };
    }
    return stream;
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    if (writer == null) {
      PrintWriter out = super.getWriter();
      writer =
          new PrintWriter(
              new Writer() {
                @Override
                public void write(char[] buffer, int off, int len) {
                  if (!discarding()) {
                    out.write(buffer, off, len);
                  }
                }

                @Override
                public void flush() {
                  if (!discarding()) {
                    out.flush();
                  }
                }

                @Override
                public void close() {
                  if (!discarding()) {
                    out.close();
                  }
                }
              });
    }
    return writer;
  }

  @Override
  public void setStatus(int sc) {
    if (!discarding()) {
      super.setStatus(sc);
    }
  }

  @Override
  public void sendError(int sc) throws IOException {
    if (!discarding()) {
      super.sendError(sc);
    }
  }

  @Override
  public void sendError(int sc, String msg) throws IOException {
    if (!discarding()) {
      super.sendError(sc, msg);
    }
  }

  @Override
  public void sendRedirect(String location) throws IOException {
    if (!discarding()) {
      super.sendRedirect(location);
    }
  }

  @Override
  public void setHeader(String name, String value) {
    if (!discarding()) {
      super.setHeader(name, value);
    }
  }

  @Override
  public void addHeader(String name, String value) {
    if (!discarding()) {
      super.addHeader(name, value);
    }
  }

  @Override
  public void setIntHeader(String name, int value) {
    if (!discarding()) {
      super.setIntHeader(name, value);
    }
  }

  @Override
  public void addIntHeader(String name, int value) {
    if (!discarding()) {
      super.addIntHeader(name, value);
    }
  }

  @Override
  public void setDateHeader(String name, long date) {
    if (!discarding()) {
      super.setDateHeader(name, date);
    }
  }

  @Override
  public void addDateHeader(String name, long date) {
    if (!discarding()) {
      super.addDateHeader(name, date);
    }
  }

  @Override
  public void addCookie(Cookie cookie) {
    if (!discarding()) {
      super.addCookie(cookie);
    }
  }

  @Override
  public void setContentType(String type) {
    if (!discarding()) {
      super.setContentType(type);
    }
  }

  @Override
  public void setCharacterEncoding(String charset) {
    if (!discarding()) {
      super.setCharacterEncoding(charset);
    }
  }

  @Override
  public void setContentLength(int len) {
    if (!discarding()) {
      super.setContentLength(len);
    }
  }

  @Override
  public void setContentLengthLong(long len) {
    if (!discarding()) {
      super.setContentLengthLong(len);
    }
  }

  @Override
  public void setLocale(Locale locale) {
    if (!discarding()) {
      super.setLocale(locale);
    }
  }

  @Override
  public void setBufferSize(int size) {
    if (!discarding()) {
      super.setBufferSize(size);
    }
  }

  @Override
  public void flushBuffer() throws IOException {
    if (!discarding()) {
      super.flushBuffer();
    }
  }

  @Override
  public void reset() {
    if (!discarding()) {
      super.reset();
    }
  }

  @Override
  public void resetBuffer() {
    if (!discarding()) {
      super.resetBuffer();
    }
  }
}

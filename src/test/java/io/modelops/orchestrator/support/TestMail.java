package io.modelops.orchestrator.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * One GreenMail SMTP server per test JVM, on a free port. {@link #down()} simulates an SMTP outage
 * (connections are refused); {@link #server()} brings it back on the same port, with empty
 * mailboxes.
 */
public final class TestMail {

  private static GreenMail greenMail;

  /** The port of the first start, kept for restarts after an outage; 0 before. */
  private static int port;

  private static boolean shutdownHookAdded;

  public static synchronized GreenMail server() {
    if (greenMail == null) {
      greenMail =
          new GreenMail(
              port == 0 ? ServerSetupTest.SMTP.dynamicPort() : ServerSetupTest.SMTP.port(port));
      greenMail.start();
      port = greenMail.getSmtp().getPort();
      if (!shutdownHookAdded) {
        shutdownHookAdded = true;
        Runtime.getRuntime().addShutdownHook(new Thread(TestMail::down));
      }
    }
    return greenMail;
  }

  /** Stops the SMTP server: mail cannot be delivered until {@link #server()} starts it again. */
  public static synchronized void down() {
    if (greenMail != null) {
      greenMail.stop();
      greenMail = null;
    }
  }

  public static synchronized int port() {
    return server().getSmtp().getPort();
  }

  private TestMail() {}
}

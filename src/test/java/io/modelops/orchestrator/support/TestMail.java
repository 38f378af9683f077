package io.modelops.orchestrator.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

/** One GreenMail SMTP server per test JVM, on a free port. */
public final class TestMail {

  private static GreenMail greenMail;

  public static synchronized GreenMail server() {
    if (greenMail == null) {
      greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
      greenMail.start();
      Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop));
    }
    return greenMail;
  }

  public static int port() {
    return server().getSmtp().getPort();
  }

  private TestMail() {}
}

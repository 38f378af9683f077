package io.modelops.orchestrator.browser;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that drives the web UI in a headless Chromium. Test methods declare a {@link
 * Browser} parameter to get a fresh browser. Without Chromium and ChromeDriver every test of the
 * class is reported as skipped, with an install hint.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("browser")
@ExtendWith(Browser.Extension.class)
public @interface BrowserTest {}

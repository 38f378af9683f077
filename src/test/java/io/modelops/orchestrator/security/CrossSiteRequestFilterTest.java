package io.modelops.orchestrator.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class CrossSiteRequestFilterTest {

  private static MockHttpServletRequest post(String scheme, String host, int port) {
    MockHttpServletRequest request =
        new MockHttpServletRequest("POST", "/engine-rest/job/1/execute");
    request.setScheme(scheme);
    request.setServerName(host);
    request.setServerPort(port);
    return request;
  }

  @Test
  void ownOriginLeavesOutDefaultPortsAndBracketsIpv6() {
    assertThat(BrowserRequests.ownOrigin(post("https", "Models.Example.com", 443)))
        .isEqualTo("https://models.example.com");
    assertThat(BrowserRequests.ownOrigin(post("http", "localhost", 8080)))
        .isEqualTo("http://localhost:8080");
    assertThat(BrowserRequests.ownOrigin(post("http", "::1", 8080))).isEqualTo("http://[::1]:8080");
  }

  @Test
  void machineRequestsAndSameOriginRequestsPass() {
    MockHttpServletRequest curl = post("http", "localhost", 8080);
    curl.setContentType("multipart/form-data; boundary=x");
    curl.addHeader("Authorization", "Basic YWRtaW46YWRtaW4=");
    MockHttpServletRequest sameOrigin = post("https", "models.example.com", 443);
    sameOrigin.setContentType("application/json");
    sameOrigin.addHeader("Origin", "https://models.example.com");
    sameOrigin.addHeader("Sec-Fetch-Site", "same-origin");

    assertThat(CrossSiteRequestFilter.crossSiteSign(curl)).isNull();
    assertThat(CrossSiteRequestFilter.crossSiteSign(sameOrigin)).isNull();
  }

  @Test
  void browserSignsAreRecognised() {
    MockHttpServletRequest cookie = post("http", "localhost", 8080);
    cookie.addHeader("Cookie", "JSESSIONID=1");
    MockHttpServletRequest otherPort = post("http", "localhost", 8080);
    otherPort.addHeader("Origin", "http://localhost:8081");
    MockHttpServletRequest sameSite = post("http", "localhost", 8080);
    sameSite.addHeader("Sec-Fetch-Site", "same-site");
    MockHttpServletRequest form = post("http", "localhost", 8080);
    form.setContentType("Text/Plain; charset=UTF-8");
    form.addHeader("Accept", "text/html,*/*");

    assertThat(CrossSiteRequestFilter.crossSiteSign(cookie)).contains("cookies");
    assertThat(CrossSiteRequestFilter.crossSiteSign(otherPort)).contains("origin");
    assertThat(CrossSiteRequestFilter.crossSiteSign(sameSite)).contains("another site");
    assertThat(CrossSiteRequestFilter.crossSiteSign(form)).contains("form");
  }
}

package io.modelops.orchestrator.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;

class CanonicalRequestFilterTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/models",
        "/api/models/fraud-detector/versions/1.4.0+build.7",
        "/camunda/app/tasklist/",
        "/camunda/api/engine/engine/default/task/a:b@c",
        "/api/models/with%20space",
        "/api/models/%C3%A9t%C3%A9",
        "/api/models/%3A%40%21"
      })
  void shouldLetCanonicalPathsThrough(String path) {
    assertThat(CanonicalRequestFilter.pathProblem(request(path, decodedLikeTomcat(path)))).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/camunda/api/%61dmin/setup",
        "/%65ngine-rest/task",
        "/api/models/%2e%2e/x",
        "/api/models/%2F",
        "/api/models/%5C",
        "/api/models/%25",
        "/api/models/%3B",
        "/api/models/%zz",
        "/api/models/%4",
        "/api/models/%",
        "/api/models/%C0%AE",
        "/api/models/%ED%A0%80",
        "/api/models/%FF",
        "/api/models/a%00b",
        "/api/models/a%0Ab",
        "/api/models/a%C2%85b",
        "/api/models;jsessionid=1",
        "/api\\models",
        "/camunda//api",
        "/api/models/../x",
        "/api/models/./x",
        "/api/models/..",
        "/api/models/\u00e9",
        "/api/models/a b",
        "api/models"
      })
  void shouldRefuseOddSpellings(String path) {
    assertThat(CanonicalRequestFilter.pathProblem(request(path, path))).as(path).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"a=%zz", "a=%C0%AE", "a=%00", "a%01=1", "a=%C2%85", "a=%ED%A0%80", "a=\u00e9"})
  void shouldRefuseOddQueryStrings(String query) {
    assertThat(CanonicalRequestFilter.queryProblem(query)).as(query).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"a=1&b=2", "q=%E2%82%AC", "text=line%0Abreak%09tab", "x=%2F%2e%25", "plus=a+b"})
  void shouldAcceptQueryStrings(String query) {
    assertThat(CanonicalRequestFilter.queryProblem(query)).as(query).isNull();
  }

  private static MockHttpServletRequest request(String rawPath, String servletPath) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", rawPath);
    request.setServletPath(servletPath);
    return request;
  }

  private static String decodedLikeTomcat(String path) {
    return java.net.URLDecoder.decode(
        path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
  }
}

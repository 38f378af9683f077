package io.modelops.orchestrator.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelops.orchestrator.security.InputHygieneIT;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailAddressesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "fraud-analytics@example.com",
        "team.a+models@example.co.uk",
        "o'brien@example.org",
        "a_b-c@sub.example-domain.com",
        "x@xn--exmple-cua.com",
        "modelops@localhost",
        "UPPER.Case@Example.COM"
      })
  void shouldAcceptPlainAddresses(String address) {
    assertThat(MailAddresses.isValid(address)).isTrue();
  }

  @Test
  void shouldRefuseEveryAddressTheMailSenderWouldReadDifferently() {
    List<String> bad = InputHygieneIT.badAddresses();
    assertThat(bad).hasSizeGreaterThan(30);
    assertThat(bad)
        .allSatisfy(address -> assertThat(MailAddresses.isValid(address)).as(address).isFalse());
    assertThat(MailAddresses.isValid(null)).isFalse();
    assertThat(MailAddresses.isValid("")).isFalse();
  }

  @Test
  void shouldNameTheSettingOfABadConfiguredAddress() {
    assertThatThrownBy(
            () ->
                new MailProperties(
                    true,
                    "ModelOps <modelops@example.com>",
                    List.of(),
                    null,
                    1,
                    null,
                    null,
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("modelops.mail.from");
    assertThatThrownBy(
            () ->
                new MailProperties(
                    true,
                    "modelops@example.com",
                    List.of("risk@example.com", "a@b.com, c@d.com"),
                    null,
                    1,
                    null,
                    null,
                    null,
                    null))
        .hasMessageContaining("modelops.mail.default-recipients[1]");
    assertThat(
            new MailProperties(true, "modelops@localhost", null, null, 1, null, null, null, null)
                .from())
        .isEqualTo("modelops@localhost");
  }
}

package io.modelops.orchestrator.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckedTextJsonFactoryTest {

  private final ObjectMapper mapper =
      new ObjectMapper().copyWith(new CheckedTextJsonFactory(new ObjectMapper().getFactory()));

  record Inner(String name, List<String> tags) {}

  record Outer(String text, Map<String, Double> metrics, List<Inner> items, Object any) {}

  @Test
  void shouldKeepTabsLineBreaksAndPairs() throws Exception {
    Outer outer =
        mapper.readValue(
            "{\"text\":\"a\\tb\\r\\nc \\ud83d\\ude00 \u00e9\",\"metrics\":{\"auc\":1},\"items\":[],\"any\":{\"k\":\"v\"}}",
            Outer.class);
    assertThat(outer.text()).isEqualTo("a\tb\r\nc \ud83d\ude00 \u00e9");
  }

  @Test
  void shouldNameWhereTheForbiddenCharacterIs() {
    assertField("{\"text\":\"a\\u0000b\"}", "text");
    assertField("{\"metrics\":{\"a\\u0001\":1}}", "metrics.a\\u0001");
    assertField(
        "{\"items\":[{\"name\":\"x\"},{\"tags\":[\"ok\",\"\\u007f\"]}]}", "items[1].tags[1]");
    assertField("{\"any\":{\"deep\":[{\"\\u0085\":1}]}}", "any.deep[0].\\u0085");
    assertField("{\"text\":\"\\ud800\"}", "text");
    assertField("{\"text\":\"x\\udc00\"}", "text");
    assertField("{\"text\":\"\\ude00\\ud83d\"}", "text");
    assertField("{\"text\":\"raw \u009b\"}", "text");
    assertField("{\"unknown\\u001b\":1}", "unknown\\u001b");
  }

  @Test
  void shouldCheckTreesToo() {
    assertThatThrownBy(() -> mapper.readTree("[\"ok\", {\"a\": \"\\u0002\"}]"))
        .isInstanceOf(ForbiddenCharacterException.class);
  }

  @Test
  void shouldKeepTheSettingsOfTheOriginalFactory() throws Exception {
    ObjectMapper strict = new ObjectMapper();
    strict.configure(
        com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true);
    ObjectMapper checked = strict.copyWith(new CheckedTextJsonFactory(strict.getFactory()));
    assertThatThrownBy(() -> checked.readTree("{\"a\":1,\"a\":2}"))
        .hasMessageContaining("Duplicate field");
    JsonNode fine = checked.readTree("{\"a\":\"b\"}");
    assertThat(fine.path("a").asText()).isEqualTo("b");
  }

  private void assertField(String json, String field) {
    assertThatThrownBy(() -> mapper.readValue(json, Outer.class))
        .as(json)
        .satisfies(
            e -> {
              Throwable t = e;
              while (t != null && !(t instanceof ForbiddenCharacterException)) {
                t = t.getCause();
              }
              assertThat(t).as(json).isInstanceOf(ForbiddenCharacterException.class);
              assertThat(((ForbiddenCharacterException) t).field()).isEqualTo(field);
            });
  }
}

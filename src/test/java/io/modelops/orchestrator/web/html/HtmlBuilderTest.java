package io.modelops.orchestrator.web.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HtmlBuilderTest {

  @Test
  void shouldEscapeMarkupInText() {
    String html =
        new HtmlBuilder().element("p", "<script>alert('x')</script> & \"more\"").toString();

    assertThat(html)
        .isEqualTo("<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;</p>")
        .doesNotContain("<script");
  }

  @Test
  void shouldEscapeAttributeValuesSoTheyCannotBreakOut() {
    String html = new HtmlBuilder().link("/x\" onmouseover=\"alert(1)", "x").toString();

    assertThat(html).isEqualTo("<a href=\"/x&quot; onmouseover=&quot;alert(1)\">x</a>");
  }

  @Test
  void shouldLeaveOutNullAttributesAndWriteNullTextEmpty() {
    assertThat(new HtmlBuilder().element("td", null, "class", null).toString())
        .isEqualTo("<td></td>");
  }

  @Test
  void shouldReplaceControlCharacters() {
    assertThat(HtmlBuilder.escape("a\u0000b\nc")).isEqualTo("a\uFFFDb\nc");
  }

  @Test
  void shouldRefuseTagAndAttributeNamesThatAreNotPlainNames() {
    assertThatThrownBy(() -> new HtmlBuilder().open("img src=x onerror=alert(1)"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HtmlBuilder().open("a", "onclick=\"x\" href", "/"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldLinkOnlyToHttpUrls() {
    assertThat(HtmlBuilder.safeExternalUrl("https://wiki.example.com/m"))
        .isEqualTo("https://wiki.example.com/m");
    assertThat(HtmlBuilder.safeExternalUrl(" HTTP://x ")).isEqualTo("HTTP://x");
    assertThat(HtmlBuilder.safeExternalUrl("javascript:alert(1)")).isNull();
    assertThat(HtmlBuilder.safeExternalUrl("data:text/html,<script>")).isNull();
    assertThat(HtmlBuilder.safeExternalUrl(null)).isNull();
  }
}

package io.modelops.orchestrator.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvWriterTest {

  @Test
  void shouldWritePlainCellsUnquotedWithCrlfLineEnds() {
    String csv =
        new CsvWriter().row(List.of("model", "version")).row(List.of("fraud", "1.4.0")).toString();

    assertThat(csv).isEqualTo("model,version\r\nfraud,1.4.0\r\n");
  }

  @Test
  void shouldQuoteCommasQuotesAndLineBreaksAndDoubleQuotes() {
    assertThat(CsvWriter.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvWriter.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(CsvWriter.cell("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(CsvWriter.cell("cr\rhere")).isEqualTo("\"cr\rhere\"");
    assertThat(CsvWriter.cell("plain text; fine")).isEqualTo("plain text; fine");
  }

  @Test
  void shouldWriteNullAsAnEmptyCell() {
    assertThat(new CsvWriter().row(Arrays.asList("a", null, "c")).toString()).isEqualTo("a,,c\r\n");
  }

  @Test
  void shouldNeutraliseCellsASpreadsheetWouldRunAsFormulas() {
    assertThat(CsvWriter.cell("=HYPERLINK(\"http://evil\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
    assertThat(CsvWriter.cell("+1+2")).isEqualTo("'+1+2");
    assertThat(CsvWriter.cell("-2+3")).isEqualTo("'-2+3");
    assertThat(CsvWriter.cell("@SUM(A1:A2)")).isEqualTo("'@SUM(A1:A2)");
    assertThat(CsvWriter.cell("\t=1")).isEqualTo("'\t=1");
    assertThat(CsvWriter.cell("=cmd|' /C calc'!A0,x")).isEqualTo("\"'=cmd|' /C calc'!A0,x\"");
  }

  @Test
  void shouldLeaveFormulaCharactersInsideACellAlone() {
    assertThat(CsvWriter.cell("a=b")).isEqualTo("a=b");
    assertThat(CsvWriter.cell("team-a@example.com")).isEqualTo("team-a@example.com");
    assertThat(CsvWriter.cell("")).isEmpty();
  }
}

package io.consentline.audit.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.consentline.audit.domain.AuditEntry;
import io.consentline.audit.domain.TestRecords;
import io.consentline.kit.problem.ProblemException;

class ExportFormatTest {

    @Test
    void csvFieldsAreQuotedWhenTheyMustBe() {
        assertThat(ExportFormat.csvField("plain")).isEqualTo("plain");
        assertThat(ExportFormat.csvField("a,b")).isEqualTo("\"a,b\"");
        assertThat(ExportFormat.csvField("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ExportFormat.csvField(null)).isEmpty();
    }

    @Test
    void csvCellsNeverStartAFormula() {
        assertThat(ExportFormat.csvField("=HYPERLINK(\"x\")")).startsWith("\"'=");
        assertThat(ExportFormat.csvField("+1")).isEqualTo("'+1");
    }

    @Test
    void aCsvRowHasAValueForEveryColumn() {
        EntriesResponse.Entry entry = EntriesResponse.Entry.of(AuditEntry.of(TestRecords.stored(1)));

        String line = ExportFormat.CSV.line(entry);

        assertThat(line).endsWith("\r\n").startsWith("1,e-1,change,");
        assertThat(line.split(",", -1)).hasSize(ExportFormat.CSV_COLUMNS.size());
        assertThat(ExportFormat.CSV.header()).startsWith("seq,eventId,type");
    }

    @Test
    void anNdjsonLineIsOneJsonObject() {
        String line = ExportFormat.NDJSON.line(EntriesResponse.Entry.of(AuditEntry.of(TestRecords.stored(1))));

        assertThat(line).startsWith("{").endsWith("}\n").doesNotContain("\n{");
    }

    @Test
    void onlyKnownFormats() {
        assertThat(ExportFormat.parse(null)).isEqualTo(ExportFormat.NDJSON);
        assertThat(ExportFormat.parse("csv")).isEqualTo(ExportFormat.CSV);
        assertThatThrownBy(() -> ExportFormat.parse("xlsx")).isInstanceOf(ProblemException.class);
    }
}

package io.consentline.kit.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An overlong URL is refused naming its longest part: a query parameter by its (decoded) name, or the path. */
class UrlLengthLimitTest {

    @Test
    void theLongestQueryParameterIsNamed() {
        assertThat(UrlLengthLimit.longestPart("/v1/check", "purpose=analytics&identifier=" + "x".repeat(50)))
                .isEqualTo("identifier");
        assertThat(UrlLengthLimit.longestPart("/v1/check", "a%5Bb%5D=" + "x".repeat(50) + "&c=d")).isEqualTo("a[b]");
        assertThat(UrlLengthLimit.longestPart("/v1/check", "flag" + "x".repeat(50))).startsWith("flagx");
        assertThat(UrlLengthLimit.longestPart("/v1/check", "bad%zz=" + "x".repeat(50))).as("malformed, as sent")
                .isEqualTo("bad%zz");
    }

    @Test
    void thePathIsNamedWhenNoParameterIsLonger() {
        assertThat(UrlLengthLimit.longestPart("/v1/sites/" + "s".repeat(100) + "/banner", "lang=en")).isEqualTo("path");
        assertThat(UrlLengthLimit.longestPart("/" + "p".repeat(10), "")).isEqualTo("path");
    }
}

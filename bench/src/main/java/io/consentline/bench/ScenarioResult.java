package io.consentline.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scenario's numbers: what was measured, the baseline measured in the same run, their ratios, and the
 * target it is compared with (recorded, never asserted).
 */
record ScenarioResult(String name, Map<String, Object> measured, Map<String, Object> baseline,
        Map<String, Double> ratios, String target, String notes) {

    static Builder named(String name) {
        return new Builder(name);
    }

    static final class Builder {
        private final String name;
        private final Map<String, Object> measured = new LinkedHashMap<>();
        private final Map<String, Object> baseline = new LinkedHashMap<>();
        private final Map<String, Double> ratios = new LinkedHashMap<>();
        private String target = "";
        private String notes = "";

        private Builder(String name) {
            this.name = name;
        }

        Builder measured(String key, Object value) {
            measured.put(key, value);
            return this;
        }

        Builder baseline(String key, Object value) {
            baseline.put(key, value);
            return this;
        }

        Builder ratio(String key, double value) {
            // four significant digits: ratios span from 1e-3 (bulk vs a HashMap) to 10
            ratios.put(key, new java.math.BigDecimal(value).round(new java.math.MathContext(4)).doubleValue());
            return this;
        }

        Builder target(String target) {
            this.target = target;
            return this;
        }

        Builder notes(String notes) {
            this.notes = notes;
            return this;
        }

        ScenarioResult build() {
            return new ScenarioResult(name, measured, baseline, ratios, target, notes);
        }
    }
}

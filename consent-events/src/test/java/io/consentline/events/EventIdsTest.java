package io.consentline.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void anIdIsALowerCaseVersion7Uuid() {
        String id = EventIds.next();

        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        UUID uuid = UUID.fromString(id);
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
    }

    @Test
    void anIdCarriesTheMillisecondItWasMadeIn() {
        long before = System.currentTimeMillis();
        String id = EventIds.next();
        long after = System.currentTimeMillis();

        long millis = Long.parseLong(id.substring(0, 8) + id.substring(9, 13), 16);
        assertThat(millis).isBetween(before, after);
    }

    /** What a unique index of event ids gains: each id sorts after the ones before it, as text too. */
    @Test
    void idsMadeOneAfterAnotherSortInTheOrderTheyWereMadeAndAreDistinct() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(EventIds.next());
        }

        assertThat(ids).isSorted().doesNotHaveDuplicates();
    }
}

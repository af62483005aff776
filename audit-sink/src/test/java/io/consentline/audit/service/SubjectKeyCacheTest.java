package io.consentline.audit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.consentline.audit.service.SubjectKeys.Owner;
import io.consentline.audit.service.SubjectKeys.SubjectKey;

class SubjectKeyCacheTest {

    private static final Owner ANNA = new Owner("acme", "hash-anna");
    private static final Owner BOB = new Owner("acme", "hash-bob");
    private static final Owner CARL = new Owner("acme", "hash-carl");
    private static final Owner OTHER_TENANT = new Owner("globex", "hash-anna");

    @Test
    void aKeyIsAnsweredWhileItsTenantHasHadNoFurtherErasure() {
        SubjectKeyCache cache = new SubjectKeyCache(10);
        SubjectKey anna = key();
        cache.remember(Map.of(ANNA, anna), Map.of("acme", 3L));

        assertThat(cache.known(List.of(ANNA, BOB), Map.of("acme", 3L))).containsExactly(Map.entry(ANNA, anna));
    }

    @Test
    void anErasureOfTheTenantSinceMakesItsKeysUnknownAndForgotten() {
        SubjectKeyCache cache = new SubjectKeyCache(10);
        cache.remember(Map.of(ANNA, key()), Map.of("acme", 3L));

        assertThat(cache.known(List.of(ANNA), Map.of("acme", 4L))).isEmpty();
        assertThat(cache.size()).isZero();
        assertThat(cache.known(List.of(ANNA), Map.of("acme", 3L))).isEmpty();
    }

    @Test
    void aTenantWithoutACountHasHadNoErasure() {
        SubjectKeyCache cache = new SubjectKeyCache(10);
        SubjectKey anna = key();
        cache.remember(Map.of(ANNA, anna), Map.of());

        assertThat(cache.known(List.of(ANNA), Map.of())).containsEntry(ANNA, anna);
        assertThat(cache.known(List.of(ANNA), Map.of("acme", 1L))).isEmpty();
    }

    @Test
    void anotherTenantsErasuresDoNotMatter() {
        SubjectKeyCache cache = new SubjectKeyCache(10);
        SubjectKey anna = key();
        SubjectKey other = key();
        cache.remember(Map.of(ANNA, anna, OTHER_TENANT, other), Map.of("acme", 0L, "globex", 0L));

        assertThat(cache.known(List.of(ANNA, OTHER_TENANT), Map.of("acme", 0L, "globex", 7L)))
                .containsExactly(Map.entry(ANNA, anna));
    }

    @Test
    void theLeastRecentlyUsedKeyGoesFirstWhenFull() {
        SubjectKeyCache cache = new SubjectKeyCache(2);
        cache.remember(Map.of(ANNA, key()), Map.of());
        cache.remember(Map.of(BOB, key()), Map.of());
        cache.known(List.of(ANNA), Map.of());
        cache.remember(Map.of(CARL, key()), Map.of());

        assertThat(cache.known(List.of(ANNA, BOB, CARL), Map.of()).keySet()).containsExactlyInAnyOrder(ANNA, CARL);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void capacityZeroRemembersNothing() {
        SubjectKeyCache cache = new SubjectKeyCache(0);
        cache.remember(Map.of(ANNA, key()), Map.of());

        assertThat(cache.known(List.of(ANNA), Map.of())).isEmpty();
        assertThatThrownBy(() -> new SubjectKeyCache(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static SubjectKey key() {
        return new SubjectKey(UUID.randomUUID(), new byte[32]);
    }
}

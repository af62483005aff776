package io.consentline.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.consentline.audit.repository.ChainRepository.ChainState;
import io.consentline.audit.repository.ChainRepository.Head;
import io.consentline.audit.repository.ChainRepository.Move;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A batch linked ahead of the chain head's lock moves the head only if it is still where the batch linked from and
 * the tenant had no erasure since: judged on the head as the batch ahead of it left it once committed, which
 * READ COMMITTED gives an UPDATE that had to wait for that batch.
 */
@QuarkusTest
class ChainMoveTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Inject
    Pool pool;

    @Inject
    ChainRepository chains;

    @Test
    void theHeadMovesWhenItIsWhereTheBatchLinkedFrom() {
        String tenant = newChain();

        assertThat(move(tenant, state(tenant).head(), 0, head(5))).isTrue();

        assertThat(state(tenant).head().seq()).isEqualTo(5);
    }

    @Test
    void aHeadElsewhereIsRefusedAndLeftAsItWas() {
        String tenant = newChain();
        Head genesis = state(tenant).head();
        move(tenant, genesis, 0, head(5));

        assertThat(move(tenant, genesis, 0, head(9))).isFalse(); // linked from seq 0, but the head is at 5
        assertThat(move(tenant, new Head(5, head(4).hash()), 0, head(9))).isFalse(); // right seq, other row

        assertThat(state(tenant).head().seq()).isEqualTo(5);
    }

    @Test
    void anErasureSinceTheKeysWereChosenIsRefused() {
        String tenant = newChain();
        Head genesis = state(tenant).head();
        pool.preparedQuery("update audit_chain set erasures = erasures + 1 where tenant = $1")
                .execute(Tuple.of(tenant)).await().atMost(PATIENCE);

        assertThat(move(tenant, genesis, 0, head(3))).isFalse();
        assertThat(move(tenant, genesis, 1, head(3))).isTrue();
    }

    @Test
    void aMoveFromTheHeadABatchInFlightWillLeaveWaitsForItsCommitThenSucceeds() throws Exception {
        String tenant = newChain();
        Head genesis = state(tenant).head();
        Head first = head(5), second = head(8);
        SqlConnection connection = pool.getConnection().await().atMost(PATIENCE);
        try {
            Transaction ahead = connection.begin().await().atMost(PATIENCE);
            assertThat(chains.move(connection, List.of(new Move(tenant, genesis, 0, first)))
                    .await().atMost(PATIENCE)).isTrue();

            CompletableFuture<Boolean> behind = pool.withTransaction(tx -> chains.move(tx,
                    List.of(new Move(tenant, first, 0, second)))).subscribeAsCompletionStage();
            Awaitility.await().atMost(PATIENCE).until(this::aMoveWaitsForALock);
            assertThat(behind).isNotDone();

            ahead.commit().await().atMost(PATIENCE);
            assertThat(behind.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } finally {
            connection.close().await().atMost(PATIENCE);
        }
        assertThat(state(tenant).head().seq()).isEqualTo(8);
    }

    @Test
    void aMoveFromTheHeadABatchThatRolledBackWouldHaveLeftIsRefused() throws Exception {
        String tenant = newChain();
        Head genesis = state(tenant).head();
        Head first = head(5);
        SqlConnection connection = pool.getConnection().await().atMost(PATIENCE);
        try {
            Transaction ahead = connection.begin().await().atMost(PATIENCE);
            chains.move(connection, List.of(new Move(tenant, genesis, 0, first))).await().atMost(PATIENCE);
            CompletableFuture<Boolean> behind = pool.withTransaction(tx -> chains.move(tx,
                    List.of(new Move(tenant, first, 0, head(8))))).subscribeAsCompletionStage();

            ahead.rollback().await().atMost(PATIENCE);
            assertThat(behind.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isFalse();
        } finally {
            connection.close().await().atMost(PATIENCE);
        }
        assertThat(state(tenant).head().seq()).isZero();
    }

    private boolean aMoveWaitsForALock() {
        return pool.query("select count(*) from pg_stat_activity where wait_event_type = 'Lock' "
                + "and query like 'update audit_chain c%'").execute().await().atMost(PATIENCE)
                .iterator().next().getLong(0) > 0;
    }

    private boolean move(String tenant, Head from, long erasures, Head to) {
        return pool.withTransaction(tx -> chains.move(tx, List.of(new Move(tenant, from, erasures, to))))
                .await().atMost(PATIENCE);
    }

    private String newChain() {
        String tenant = "move-" + UUID.randomUUID().toString().substring(0, 8);
        pool.preparedQuery("insert into audit_chain (tenant) values ($1)").execute(Tuple.of(tenant))
                .await().atMost(PATIENCE);
        return tenant;
    }

    private ChainState state(String tenant) {
        return pool.withConnection(c -> chains.states(c, List.of(tenant))).await().atMost(PATIENCE).get(tenant);
    }

    private static Head head(long seq) {
        byte[] hash = new byte[32];
        hash[0] = (byte) seq;
        hash[31] = 1;
        return new Head(seq, hash);
    }
}

package io.consentline.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Verify reads each range through the unique (tenant, seq) index in order, in one process: no sequential scan,
 * no sort, no parallel workers, whatever the planner's estimates say. The test's small table would get an index
 * scan anyway, so it first makes random reads look dear and parallel workers free, as a range that is most of a
 * large table does (then PostgreSQL chose a parallel sequential scan and a sort: docs/benchmarks.md).
 */
@QuarkusTest
class VerifyPlanTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRangeIsReadInIndexOrderWithoutSortOrParallelWorkers() throws SQLException {
        for (String select : List.of(VerifyRepository.packedOf("plan-tenant", 1, 50_000_000),
                VerifyRepository.columnsOf("plan-tenant", 1, 50_000_000, true),
                VerifyRepository.columnsOf("plan-tenant", 1, 50_000_000, false))) {
            String plan = planOf(select);
            assertThat(plan).contains("Index Scan using audit_entry_tenant_seq_key")
                    .doesNotContain("Seq Scan", "Bitmap", "Sort", "Gather");
        }
    }

    /**
     * PostgreSQL reads a row's columns in table order up to the last one a query names: the fast verify's columns
     * come first in the table (V8), and its query names none after them, not even through the SQL functions it
     * calls (an inlined function naming a row's fields would name them all, and cost ~2× the time per row).
     */
    @Test
    void theFastScanReadsEachRowOnlyUpToItsUnit() throws SQLException {
        List<String> columns;
        try (Connection connection = dataSource.getConnection()) {
            columns = ChainColumnsFirstMigrationTest.columnsOf(connection);
        }
        assertThat(columns.subList(0, 5)).containsExactly("tenant", "seq", "prev_hash", "hash", "unit");

        String plan = planOf("verbose " + VerifyRepository.packedOf("plan-tenant", 1, 50_000_000));

        assertThat(plan).contains("e.unit", "e.seq", "e.hash", "e.prev_hash");
        for (String later : columns.subList(5, columns.size())) {
            assertThat(plan).as("the plan names %s", later).doesNotContain("e." + later);
        }
    }

    private String planOf(String select) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String estimate : new String[] { "set local random_page_cost = 10000",
                        "set local parallel_setup_cost = 0", "set local parallel_tuple_cost = 0",
                        "set local min_parallel_table_scan_size = 0" }) {
                    statement.execute(estimate);
                }
                for (String setting : VerifyRepository.SCAN_SETTINGS) {
                    statement.execute(setting);
                }
                try (ResultSet rows = statement.executeQuery("explain " + select)) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
        return plan.toString();
    }
}

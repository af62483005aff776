package io.consentline.audit.domain.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.consentline.audit.domain.TestRecords;

/** The link check over rows as the verifier hands them over: hash, previous hash and unit. */
class LinkCheckTest {

    /** Feeds the rows as hash || prevHash || unit (the canonical bytes, version tag first), as the verifier does. */
    private static LinkCheck walk(long fromSeq, List<AuditRecord> rows, long blobBrokenAt) {
        LinkCheck check = new LinkCheck(fromSeq);
        for (AuditRecord r : rows) {
            feed(check, r, r.canonical(), r.seq() == blobBrokenAt ? LinkCheck.BLOB_CHANGED : null);
        }
        return check;
    }

    private static void feed(LinkCheck check, AuditRecord r, byte[] unit, String deepBroken) {
        byte[] buf = new byte[64 + unit.length];
        System.arraycopy(r.hash(), 0, buf, 0, 32);
        System.arraycopy(r.prevHash(), 0, buf, 32, 32);
        System.arraycopy(unit, 0, buf, 64, unit.length);
        check.row(r.seq(), buf, 0, 32, 64, unit.length, deepBroken);
    }

    @Test
    void anIntactChainHolds() {
        LinkCheck check = walk(1, TestRecords.chain(5), -1);

        assertThat(check.brokenSeq()).isEqualTo(-1);
        assertThat(check.checked()).isEqualTo(5);
    }

    @Test
    void theRowBeforeTheRangeIsItsAnchorAndIsNotCounted() {
        LinkCheck check = walk(3, TestRecords.chain(5).subList(1, 5), -1);

        assertThat(check.brokenSeq()).isEqualTo(-1);
        assertThat(check.checked()).isEqualTo(3);
    }

    @Test
    void aMissingAnchorMeansRowsAreMissing() {
        LinkCheck check = walk(3, TestRecords.chain(5).subList(2, 5), -1);

        assertThat(check.brokenSeq()).isEqualTo(3);
        assertThat(check.brokenReason()).isEqualTo(LinkCheck.MISSING);
    }

    @Test
    void aGapIsFoundAtTheRowAfterIt() {
        List<AuditRecord> rows = new ArrayList<>(TestRecords.chain(5));
        rows.remove(2);

        LinkCheck check = walk(1, rows, -1);

        assertThat(check.brokenSeq()).isEqualTo(4);
        assertThat(check.brokenReason()).isEqualTo(LinkCheck.MISSING);
    }

    @Test
    void aRowLinkedToTheWrongPredecessorIsFound() {
        List<AuditRecord> rows = new ArrayList<>(TestRecords.chain(3));
        List<AuditRecord> other = TestRecords.chain(3); // same seqs, hashes of another chain
        rows.set(1, other.get(1));

        LinkCheck check = walk(1, rows, -1);

        assertThat(check.brokenSeq()).isEqualTo(2);
    }

    @Test
    void aBlobNotMatchingItsDigestIsFoundOnlyWhenAsked() {
        LinkCheck check = walk(1, TestRecords.chain(4), 3);

        assertThat(check.brokenSeq()).isEqualTo(3);
        assertThat(check.brokenReason()).isEqualTo(LinkCheck.BLOB_CHANGED);
    }

    @Test
    void aChangedUnitIsFound() {
        List<AuditRecord> rows = TestRecords.chain(3);
        LinkCheck check = new LinkCheck(1);
        for (AuditRecord r : rows) {
            byte[] unit = r.canonical();
            if (r.seq() == 2) {
                unit[unit.length - 40] ^= 1; // one bit of a field
            }
            feed(check, r, unit, null);
        }

        assertThat(check.brokenSeq()).isEqualTo(2);
        assertThat(check.brokenReason()).isEqualTo(LinkCheck.CHANGED);
    }

    /** Feeds the rows as the fast scan does: the seq as read from the unit, -1 for a row without a unit. */
    private static boolean feedOfUnit(LinkCheck check, AuditRecord r, byte[] unit, long unitSeq) {
        byte[] buf = new byte[64 + (unit == null ? 0 : unit.length)];
        System.arraycopy(r.hash(), 0, buf, 0, 32);
        System.arraycopy(r.prevHash(), 0, buf, 32, 32);
        if (unit != null) {
            System.arraycopy(unit, 0, buf, 64, unit.length);
        }
        return check.rowOfUnit(unitSeq, buf, 0, 32, 64, unit == null ? -1 : unit.length);
    }

    @Test
    void rowsJudgedByTheSeqInTheirUnitsHoldAsByTheirColumns() {
        LinkCheck whole = new LinkCheck(1);
        LinkCheck fromThree = new LinkCheck(3);
        for (AuditRecord r : TestRecords.chain(5)) {
            feedOfUnit(whole, r, r.canonical(), r.seq());
            if (r.seq() >= 2) {
                feedOfUnit(fromThree, r, r.canonical(), r.seq());
            }
        }

        assertThat(whole.brokenSeq()).isEqualTo(-1);
        assertThat(whole.checked()).isEqualTo(5);
        assertThat(fromThree.brokenSeq()).isEqualTo(-1);
        assertThat(fromThree.checked()).as("the anchor not counted").isEqualTo(3);
    }

    @Test
    void aUnitThatDoesNotHashIsJudgedWhereItStandsNotAtTheSeqItClaims() {
        LinkCheck check = new LinkCheck(1);
        for (AuditRecord r : TestRecords.chain(4)) {
            byte[] unit = r.canonical();
            if (r.seq() == 2) {
                unit[unit.length - 1] ^= 1;
            }
            feedOfUnit(check, r, unit, r.seq() == 2 ? 999 : r.seq()); // its seq bytes changed too
        }

        assertThat(check.brokenSeq()).isEqualTo(2);
        assertThat(check.brokenReason()).isEqualTo(LinkCheck.CHANGED);
        assertThat(check.checked()).isEqualTo(4);
    }

    @Test
    void aRowWithoutItsUnitIsBrokenWhereItStands() {
        LinkCheck check = new LinkCheck(1);
        for (AuditRecord r : TestRecords.chain(4)) {
            feedOfUnit(check, r, r.seq() == 3 ? null : r.canonical(), r.seq() == 3 ? -1 : r.seq());
        }

        assertThat(check.brokenSeq()).isEqualTo(3);
        assertThat(check.brokenReason()).isEqualTo(LinkCheck.UNIT_REMOVED);
        assertThat(check.checked()).isEqualTo(4);
    }

    @Test
    void aRowFromBeforeTheRangeInTheMiddleOfItIsNoAnchorButOutOfPlace() {
        List<AuditRecord> chain = TestRecords.chain(6);
        LinkCheck check = new LinkCheck(4);
        for (AuditRecord r : List.of(chain.get(2), chain.get(3), chain.get(0), chain.get(4))) {
            feedOfUnit(check, r, r.canonical(), r.seq());
        }

        assertThat(check.brokenSeq()).isEqualTo(1);
        assertThat(check.brokenReason()).isEqualTo(LinkCheck.MISSING);
    }

    @Test
    void theExpectedSeqStartsAtTheAnchor() {
        assertThat(new LinkCheck(1).expectedSeq()).isEqualTo(1);
        assertThat(new LinkCheck(7).expectedSeq()).isEqualTo(6);
    }
}

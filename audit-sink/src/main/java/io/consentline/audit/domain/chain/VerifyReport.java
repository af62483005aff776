package io.consentline.audit.domain.chain;

/**
 * What a verification of one tenant's chain found.
 *
 * @param fromSeq the first row checked
 * @param toSeq the last row checked (the chain head when no end was asked for)
 * @param rowsChecked how many rows were recomputed
 * @param firstBroken the first row whose link does not hold; null when all hold
 * @param checkpoint the latest checkpoint compared with the log; null when there is none yet
 * @param deep whether each v2 row's facts and sealed data were also checked against their digests
 */
public record VerifyReport(String tenant, long fromSeq, long toSeq, long rowsChecked, BrokenLink firstBroken,
        CheckpointCheck checkpoint, boolean deep) {

    public boolean valid() {
        return firstBroken == null && (checkpoint == null || checkpoint.holds());
    }

    /** A row that does not link: its hash is not SHA-256(prevHash || canonical), or prevHash is not the
     * previous row's hash, or rows are missing before it. */
    public record BrokenLink(long seq, String eventId, String reason) {
    }

    /**
     * The latest checkpoint against the log: its signature verifies, and the row at its seq still has the head
     * it signed.
     */
    public record CheckpointCheck(long seq, String head, java.time.Instant createdAt, String keyId,
            boolean signatureValid, boolean matchesLog) {

        public boolean holds() {
            return signatureValid && matchesLog;
        }
    }
}

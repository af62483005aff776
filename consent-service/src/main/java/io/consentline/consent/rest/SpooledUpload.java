package io.consentline.consent.rest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An upload copied to a private temporary file before it is answered. Why not answer while reading: many HTTP
 * clients send the whole body before they read any of the response, so a server that answers in lockstep
 * would fill both TCP buffers and deadlock on large lists. Spooling keeps memory flat and any client working.
 */
final class SpooledUpload {

    private final Path file;

    private SpooledUpload(Path file) {
        this.file = file;
    }

    static SpooledUpload of(InputStream body) {
        try {
            Path file = Files.createTempFile("consentline-bulk-", ".upload",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            return new SpooledUpload(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spool the upload", e);
        }
    }

    InputStream open() throws IOException {
        return new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}

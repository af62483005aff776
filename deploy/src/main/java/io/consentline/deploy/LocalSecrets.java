package io.consentline.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.lang.JoseException;

/**
 * The local run's secrets, made on first start and kept under the data folder (mode 600): the RSA key that
 * signs dev tokens (the services trust its public half in the local run), the identifier HMAC key, the
 * database passwords, the gateway's receipt-signing key and stand-in Twilio auth token, and audit-sink's
 * key-wrapping and checkpoint-signing keys. Nothing here is in the repository; {@code --clean} wipes it with the data.
 */
public final class LocalSecrets {

    public static final String ISSUER = "https://consentline.local/dev-issuer";
    public static final String AUDIENCE = "consentline";

    private final Properties values;

    private LocalSecrets(Properties values) {
        this.values = values;
    }

    public static LocalSecrets loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve("secrets.properties");
        Properties values = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file)) {
                    values.load(in);
                }
            }
            // secrets added by newer versions are made for older data folders too
            if (fillMissing(values)) {
                Files.createDirectories(dataDir);
                if (!Files.exists(file)) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                }
                try (Writer out = Files.newBufferedWriter(file)) {
                    values.store(out, "consentline local run secrets: never commit, never share");
                }
            }
            return new LocalSecrets(values);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the local secrets in " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean fillMissing(Properties values) throws GeneralSecurityException {
        boolean changed = false;
        if (!values.containsKey("oidc.private-key")) {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            values.setProperty("oidc.public-key", Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            values.setProperty("oidc.private-key", Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            changed = true;
        }
        if (!values.containsKey("identity.hmac-key")) {
            values.setProperty("identity.hmac-key", Base64.getEncoder().encodeToString(randomBytes(32)));
            changed = true;
        }
        for (String service : new String[] { "consent", "gateway", "audit", "audit_app" }) {
            if (!values.containsKey("db." + service + ".password")) {
                values.setProperty("db." + service + ".password", random(18));
                changed = true;
            }
        }
        if (!values.containsKey("audit.key-wrapping-key")) {
            values.setProperty("audit.key-wrapping-key", Base64.getEncoder().encodeToString(randomBytes(32)));
            changed = true;
        }
        if (!values.containsKey("audit.checkpoint-signing-key")) {
            values.setProperty("audit.checkpoint-signing-key", Base64.getEncoder().encodeToString(
                    KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded()));
            changed = true;
        }
        if (!values.containsKey("receipt-signing.ed25519-jwk")) {
            try {
                values.setProperty("receipt-signing.ed25519-jwk",
                        OkpJwkGenerator.generateJwk(OctetKeyPairJsonWebKey.SUBTYPE_ED25519)
                                .toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            } catch (JoseException e) {
                throw new GeneralSecurityException(e);
            }
            changed = true;
        }
        if (!values.containsKey("twilio.auth-token")) {
            // stands in for a Twilio account's auth token: it signs (and the gateway checks) inbound SMS webhooks
            values.setProperty("twilio.auth-token", HexFormat.of().formatHex(randomBytes(16)));
            changed = true;
        }
        if (!values.containsKey("decision-signing.ed25519-jwk")) {
            try {
                values.setProperty("decision-signing.ed25519-jwk",
                        OkpJwkGenerator.generateJwk(OctetKeyPairJsonWebKey.SUBTYPE_ED25519)
                                .toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
            } catch (JoseException e) {
                throw new GeneralSecurityException(e);
            }
            changed = true;
        }
        return changed;
    }

    /** The EC P-256 private JWK with which the preference-gateway signs receipts. */
    public String receiptSigningJwk() {
        return values.getProperty("receipt-signing.ed25519-jwk");
    }

    /** The auth token with which inbound SMS webhooks are signed in the local run (Twilio's in production). */
    public String twilioAuthToken() {
        return values.getProperty("twilio.auth-token");
    }

    /** The Ed25519 private JWK with which consent-service signs decision tokens. */
    public String decisionSigningJwk() {
        return values.getProperty("decision-signing.ed25519-jwk");
    }

    /** The AES-256 key that wraps audit-sink's per-subject data keys. */
    public String auditKeyWrappingKey() {
        return values.getProperty("audit.key-wrapping-key");
    }

    /** The Ed25519 private key (base64 PKCS#8) with which audit-sink signs its chain checkpoints. */
    public String auditCheckpointSigningKey() {
        return values.getProperty("audit.checkpoint-signing-key");
    }

    public String oidcPublicKey() {
        return values.getProperty("oidc.public-key");
    }

    public PrivateKey oidcPrivateKey() {
        try {
            byte[] der = Base64.getDecoder().decode(values.getProperty("oidc.private-key"));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the local signing key is unreadable", e);
        }
    }

    public String identityHmacKey() {
        return values.getProperty("identity.hmac-key");
    }

    public String databasePassword(String service) {
        return values.getProperty("db." + service + ".password");
    }

    private static String random(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
    }

    private static byte[] randomBytes(int bytes) {
        byte[] buffer = new byte[bytes];
        new SecureRandom().nextBytes(buffer);
        return buffer;
    }
}

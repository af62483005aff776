package io.consentline.audit;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import io.consentline.audit.domain.checkpoint.CheckpointSigner;
import io.consentline.testsupport.ConsentlineTestResources;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Every @QuarkusTest of this module runs against one real Kafka broker and a new PostgreSQL database, with two
 * roles as in production: migrations run as the database owner, the service as a role of its own that the
 * migrations grant only INSERT and SELECT on the log. Also gives the service its keys.
 */
@QuarkusTestResource(value = AuditSinkTestResources.Lifecycle.class,
        initArgs = @ResourceArg(name = "database", value = "audit"))
public class AuditSinkTestResources {

    /** Config key of the private key behind the retired public key the service is configured with (tests only). */
    public static final String RETIRED_SIGNING_KEY = "test.audit.retired-signing-key";

    /** The shared resources, plus the service's restricted role and keys. */
    public static class Lifecycle extends ConsentlineTestResources {

        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            String owner = config.get("quarkus.datasource.username");
            String ownerPassword = config.get("quarkus.datasource.password");
            String jdbcUrl = config.get("quarkus.datasource.jdbc.url");
            String appRole = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1) + "_app";
            String appPassword = random(18).replace('/', 'x').replace('+', 'y').replace("=", "");
            try (Connection c = DriverManager.getConnection(jdbcUrl, owner, ownerPassword);
                    Statement s = c.createStatement()) {
                s.execute("create role " + appRole + " login password '" + appPassword + "'");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create the service's role", e);
            }
            config.put("quarkus.flyway.username", owner);
            config.put("quarkus.flyway.password", ownerPassword);
            config.put("quarkus.datasource.username", appRole);
            config.put("quarkus.datasource.password", appPassword);
            config.put("consentline.audit.key-wrapping-key", random(32));
            config.put("consentline.audit.checkpoint.signing-key", ed25519PrivateKey());
            // a key the service signed with before a rotation: its public key stays trusted, tests sign with it
            String retired = ed25519PrivateKey();
            config.put("consentline.audit.checkpoint.retired-public-keys", CheckpointSigner.fromPkcs8(retired).publicKeyX());
            config.put(RETIRED_SIGNING_KEY, retired);
            // tests make checkpoints when they need them
            config.put("consentline.audit.checkpoint.interval", "1h");
            return config;
        }

        private static String random(int bytes) {
            byte[] buffer = new byte[bytes];
            new SecureRandom().nextBytes(buffer);
            return Base64.getEncoder().encodeToString(buffer);
        }

        private static String ed25519PrivateKey() {
            try {
                return Base64.getEncoder().encodeToString(
                        KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

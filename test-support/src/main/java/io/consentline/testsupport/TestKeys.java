package io.consentline.testsupport;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA key pair that stands in for the identity provider in tests. Made fresh for each test JVM and kept
 * in system properties, because Quarkus loads test resources and tests through different class loaders and
 * both must see the same key.
 */
public final class TestKeys {

    public static final String ISSUER = "https://issuer.consentline.test";
    public static final String AUDIENCE = "consentline";

    private static final String PRIVATE_PROPERTY = "consentline.test.oidc.private-key";
    private static final String PUBLIC_PROPERTY = "consentline.test.oidc.public-key";

    private TestKeys() {
    }

    /** Base64 X.509 public key, the form {@code quarkus.oidc.public-key} takes. */
    public static synchronized String publicKeyBase64() {
        ensure();
        return System.getProperty(PUBLIC_PROPERTY);
    }

    public static synchronized PrivateKey privateKey() {
        ensure();
        try {
            byte[] der = Base64.getDecoder().decode(System.getProperty(PRIVATE_PROPERTY));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PublicKey publicKey() {
        try {
            byte[] der = Base64.getDecoder().decode(publicKeyBase64());
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair stranger;

    /** A key pair nobody trusts: for tokens with a wrong signature (one per JVM: RSA keys are slow to make). */
    public static synchronized KeyPair stranger() {
        if (stranger == null) {
            stranger = generate();
        }
        return stranger;
    }

    private static void ensure() {
        if (System.getProperty(PRIVATE_PROPERTY) == null) {
            KeyPair pair = generate();
            System.setProperty(PUBLIC_PROPERTY, Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
            System.setProperty(PRIVATE_PROPERTY, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

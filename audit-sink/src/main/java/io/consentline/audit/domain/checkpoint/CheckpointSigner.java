package io.consentline.audit.domain.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Signs and verifies checkpoints with Ed25519 (RFC 8032), with the JDK's own provider. The public key is
 * published as an OKP JWK; its RFC 7638 thumbprint is the key id.
 */
public final class CheckpointSigner {

    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519; the raw 32-byte key follows it. */
    private static final byte[] SPKI_PREFIX = Base64.getDecoder().decode("MCowBQYDK2VwAyEA");

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final byte[] rawPublicKey;
    private final String keyId;

    private CheckpointSigner(KeyPair pair) {
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
        byte[] spki = publicKey.getEncoded();
        this.rawPublicKey = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        this.keyId = thumbprint(rawPublicKey);
    }

    /** A signer for a base64 PKCS#8 Ed25519 private key (what {@code PrivateKey.getEncoded()} gives). */
    public static CheckpointSigner fromPkcs8(String base64) {
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.trim())));
            byte[] seed = ((EdECPrivateKey) key).getBytes()
                    .orElseThrow(() -> new IllegalArgumentException("the Ed25519 key has no private bytes"));
            return new CheckpointSigner(pairFromSeed(seed));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalArgumentException("not a base64 PKCS#8 Ed25519 private key", e);
        }
    }

    /** A signer with a new random key. */
    public static CheckpointSigner generate() {
        try {
            return new CheckpointSigner(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
    }

    public Checkpoint sign(String tenant, long seq, byte[] head, Instant createdAt) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(Checkpoint.statement(tenant, seq, head, createdAt));
            return new Checkpoint(tenant, seq, head, createdAt, keyId, signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a checkpoint", e);
        }
    }

    /** True when the checkpoint was signed by this signer's key. */
    public boolean verify(Checkpoint checkpoint) {
        return keyId.equals(checkpoint.keyId()) && verify(rawPublicKey, checkpoint);
    }

    /** True when the checkpoint's signature verifies with the raw 32-byte Ed25519 public key. */
    public static boolean verify(byte[] rawPublicKey, Checkpoint checkpoint) {
        try {
            byte[] spki = new byte[SPKI_PREFIX.length + rawPublicKey.length];
            System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
            System.arraycopy(rawPublicKey, 0, spki, SPKI_PREFIX.length, rawPublicKey.length);
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(checkpoint.statement());
            return signature.verify(checkpoint.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public String keyId() {
        return keyId;
    }

    /** The public key, base64url without padding: the JWK's {@code x}. */
    public String publicKeyX() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(rawPublicKey);
    }

    /** The RFC 7638 JWK thumbprint of a raw Ed25519 public key: the key id checkpoints name. */
    public static String thumbprint(byte[] rawPublicKey) {
        String jwk = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(rawPublicKey) + "\"}";
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(jwk.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key pair of an Ed25519 seed. Java 17 has no API to derive the public key from a private one, but its
     * generator takes the 32-byte seed from the random source it is given: a source that yields the seed gives
     * back the pair.
     */
    private static KeyPair pairFromSeed(byte[] seed) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(255, new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
            }
        });
        return generator.generateKeyPair();
    }
}

package cn.shouwang.server.personaldata;

import cn.shouwang.core.person.IdNumber;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * SM4-GCM / AES-GCM sealing of values and of files ({@link SealedStreams}) and HMAC-SM3 hashing with keys derived
 * from one master key. Thread-safe: every
 * call builds its own cipher (cheap next to a database round trip, and safe for the parallel bulk loader).
 */
public final class FieldCrypto implements PersonalDataApi {
    static final byte SM4_GCM = 1;
    static final byte AES_GCM = 2;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final int HASH_BYTES = 16;

    private final byte[] encKey;
    private final byte[] hashKey;
    private final byte[] checkValue;
    private final byte algorithm;
    private final SecureRandom random = new SecureRandom();
    private final SealedStreams files;
    // GCM precomputes tables from the key on every keyed init; a per-thread cipher re-initialised with only a
    // fresh nonce keeps them (BouncyCastle reuses the last key when the key parameter is null)
    private final ThreadLocal<GCMModeCipher> sealer = new ThreadLocal<>();
    // keyed once per thread: HMac keeps the inner and outer pad states, so a hash costs two SM3 blocks, not four
    // and a key set-up (an import hashes millions of id numbers)
    private final ThreadLocal<HMac> idHasher;
    private final ThreadLocal<GCMModeCipher[]> openers = ThreadLocal.withInitial(() -> new GCMModeCipher[3]);

    public FieldCrypto(byte[] masterKey, String cipher) {
        if (masterKey.length < 16) throw new IllegalArgumentException("personal-data master key too short (need 32 bytes)");
        this.encKey = Arrays.copyOf(hmac(masterKey, "shouwang-encrypt-v1".getBytes(StandardCharsets.US_ASCII)), 16);
        this.hashKey = hmac(masterKey, "shouwang-lookup-v1".getBytes(StandardCharsets.US_ASCII));
        // stored with the data at the first start (KeyCheck): another key gives another value, the key cannot be had from it
        this.checkValue = Arrays.copyOf(hmac(masterKey, "shouwang-key-check-v1".getBytes(StandardCharsets.US_ASCII)), 16);
        byte[] lookup = this.hashKey;
        this.idHasher = ThreadLocal.withInitial(() -> {
            HMac mac = new HMac(new SM3Digest());
            mac.init(new KeyParameter(lookup));
            return mac;
        });
        this.algorithm = switch (cipher == null ? "SM4" : cipher.strip().toUpperCase(java.util.Locale.ROOT)) {
            case "SM4", "" -> SM4_GCM;
            case "AES" -> AES_GCM;
            default -> throw new IllegalArgumentException("shouwang.personal-data.cipher must be SM4 or AES");
        };
        // files get keys of their own (one per file, from this one and the file's salt): see SealedStreams
        this.files = new SealedStreams(hmac(masterKey, "shouwang-file-v1".getBytes(StandardCharsets.US_ASCII)), algorithm, random);
    }

    /** The key's check value: the first 16 bytes of HMAC-SM3(master key, "shouwang-key-check-v1"). */
    byte[] keyCheckValue() {
        return checkValue.clone();
    }

    @Override
    public OutputStream sealing(OutputStream sink) throws IOException {
        return files.sealing(sink);
    }

    @Override
    public InputStream opening(InputStream sealed) throws IOException {
        return files.opening(sealed);
    }

    @Override
    public byte[] seal(String plain) {
        byte[] data = plain.getBytes(StandardCharsets.UTF_8);
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        GCMModeCipher gcm = sealer.get();
        if (gcm == null) {
            gcm = gcm(algorithm);
            gcm.init(true, new AEADParameters(new KeyParameter(encKey), TAG_BITS, nonce));
            sealer.set(gcm);
        } else {
            gcm.init(true, new AEADParameters(null, TAG_BITS, nonce));
        }
        byte[] out = new byte[1 + NONCE + gcm.getOutputSize(data.length)];
        out[0] = algorithm;
        System.arraycopy(nonce, 0, out, 1, NONCE);
        int n = gcm.processBytes(data, 0, data.length, out, 1 + NONCE);
        try {
            gcm.doFinal(out, 1 + NONCE + n);
        } catch (InvalidCipherTextException e) {
            sealer.remove();
            throw new IllegalStateException("encryption failed", e);
        }
        return out;
    }

    @Override
    public String open(byte[] sealed) {
        if (sealed == null || sealed.length < 1 + NONCE + 16) throw new IllegalArgumentException("not a sealed value");
        byte alg = sealed[0];
        if (alg != SM4_GCM && alg != AES_GCM) throw new IllegalArgumentException("unknown sealed-value algorithm " + alg);
        GCMModeCipher[] cached = openers.get();
        GCMModeCipher gcm = cached[alg];
        byte[] nonce = Arrays.copyOfRange(sealed, 1, 1 + NONCE);
        if (gcm == null) {
            gcm = gcm(alg);
            gcm.init(false, new AEADParameters(new KeyParameter(encKey), TAG_BITS, nonce));
            cached[alg] = gcm;
        } else {
            gcm.init(false, new AEADParameters(null, TAG_BITS, nonce));
        }
        int len = sealed.length - 1 - NONCE;
        byte[] out = new byte[gcm.getOutputSize(len)];
        int n = gcm.processBytes(sealed, 1 + NONCE, len, out, 0);
        try {
            n += gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            openers.get()[alg] = null; // start clean next time
            // wrong key or tampered row; the message names neither the value nor the key
            throw new IllegalStateException("sealed value does not open with this server's key", e);
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] idNumberHash(IdNumber id) {
        byte[] data = id.value().getBytes(StandardCharsets.US_ASCII);
        HMac mac = idHasher.get();
        mac.update(data, 0, data.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);   // and resets to the keyed state
        return Arrays.copyOf(out, HASH_BYTES);
    }

    private static GCMModeCipher gcm(byte alg) {
        BlockCipher engine = switch (alg) {
            case SM4_GCM -> new SM4Engine();
            case AES_GCM -> AESEngine.newInstance();
            default -> throw new IllegalArgumentException("unknown sealed-value algorithm " + alg);
        };
        return GCMBlockCipher.newInstance(engine);
    }

    static byte[] hmac(byte[] key, byte[] data) {
        HMac mac = new HMac(new SM3Digest());
        mac.init(new KeyParameter(key));
        mac.update(data, 0, data.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }
}

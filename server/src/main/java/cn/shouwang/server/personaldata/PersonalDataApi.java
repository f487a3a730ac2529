package cn.shouwang.server.personaldata;

import cn.shouwang.core.person.IdNumber;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Personal data at rest: id numbers, phones and health details are sealed (encrypted, authenticated) before they reach the
 * database, and id numbers get a keyed hash for exact lookup and the uniqueness constraint. Nothing here logs
 * a value; exceptions never carry one.
 */
public interface PersonalDataApi {

    /** Encrypts: [algorithm byte][12-byte nonce][ciphertext + 16-byte tag]. */
    byte[] seal(String plain);

    /** Decrypts what {@link #seal} produced, with either algorithm. */
    String open(byte[] sealed);

    /**
     * Seals a file of any length in constant memory: what is written to the returned stream reaches {@code sink}
     * encrypted and authenticated in 64 KiB segments (SM4-GCM or AES-GCM, a key of its own per file derived from the
     * master key); {@code close()} writes the last segment and closes {@code sink}. Format: {@code SealedStreams}.
     */
    OutputStream sealing(OutputStream sink) throws IOException;

    /**
     * Opens what {@link #sealing} wrote, with either algorithm. Reading throws an {@link IOException} (naming no
     * content) as soon as a segment was changed, moved, taken from another file, or the file was cut short.
     */
    InputStream opening(InputStream sealed) throws IOException;

    /** Whether a file starting with these bytes (at least its first 8) is a sealed file. */
    static boolean isSealedFile(byte[] head, int length) {
        return SealedStreams.isSealed(head, length);
    }

    /**
     * For a command-line tool without a server ({@code ./shouwang open-sealed}): the same key as the server's —
     * {@code keyBase64} (SHOUWANG_DATA_KEY) if given, else the key file. Never generates a key.
     */
    static PersonalDataApi withServerKey(String keyBase64, String keyFile) {
        return new FieldCrypto(PersonalDataConfig.masterKey(new PersonalDataProperties(keyBase64, keyFile, false, null)), null);
    }

    /** HMAC-SM3 of the normalized id number, first 16 bytes: same person, same hash, under this server's key. */
    byte[] idNumberHash(IdNumber id);

    /** Seals a member's health status and disability grade (member.health_enc). */
    default byte[] sealHealth(HealthDetails health) {
        return seal(health.plain());
    }

    /** Opens what {@link #sealHealth} produced. */
    default HealthDetails openHealth(byte[] sealed) {
        return HealthDetails.parse(open(sealed));
    }

    /** 138****5678; anything too short becomes ****. */
    static String maskPhone(String phone) {
        if (phone == null || phone.isBlank()) return "";
        String p = phone.strip();
        if (p.length() < 7) return "****";
        return p.substring(0, 3) + "*".repeat(p.length() - 7) + p.substring(p.length() - 4);
    }
}

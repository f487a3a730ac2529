package cn.shouwang.server.personaldata;

import cn.shouwang.core.person.IdNumber;

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

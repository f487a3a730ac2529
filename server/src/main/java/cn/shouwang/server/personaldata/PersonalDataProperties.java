package cn.shouwang.server.personaldata;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys for personal data at rest.
 *
 * @param key          base64 of a 32-byte master key (env SHOUWANG_DATA_KEY); wins over the key file
 * @param keyFile      file holding the base64 master key
 * @param generateKey  create the key file when missing (demo and test only: a production server must be given
 *                     its key, or restoring a backup without it would lose every id number)
 * @param cipher       SM4 (default, SM4-GCM) or AES (AES-128-GCM) for new values; both are always readable
 */
@ConfigurationProperties(prefix = "shouwang.personal-data")
public record PersonalDataProperties(
        @Nullable String key,
        @Nullable String keyFile,
        boolean generateKey,
        @Nullable String cipher) {
}

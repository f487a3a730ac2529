package cn.shouwang.server.personaldata;

import cn.shouwang.server.platform.PrivateFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Finds the master key: configuration first, then the key file, else (demo/test only) a new key file. */
@Configuration(proxyBeanMethods = false)
class PersonalDataConfig {
    private static final Logger log = LoggerFactory.getLogger(PersonalDataConfig.class);

    @Bean
    FieldCrypto fieldCrypto(PersonalDataProperties props) {
        return new FieldCrypto(masterKey(props), props.cipher());
    }

    static byte[] masterKey(PersonalDataProperties props) {
        if (props.key() != null && !props.key().isBlank()) {
            return decode(props.key(), "shouwang.personal-data.key / SHOUWANG_DATA_KEY");
        }
        if (props.keyFile() == null || props.keyFile().isBlank()) {
            throw new IllegalStateException("no personal-data key: set SHOUWANG_DATA_KEY (base64 of 32 random bytes)");
        }
        Path file = Path.of(props.keyFile()).toAbsolutePath();
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
            }
            if (!props.generateKey()) {
                throw new IllegalStateException("no personal-data key: set SHOUWANG_DATA_KEY (base64 of 32 random bytes) "
                        + "or put it in " + file + " — see docs/operations.md");
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            // created 0700 / 0600: never readable by another account, not even for a moment
            PrivateFiles.createDirectories(file.getParent());
            try (OutputStream out = PrivateFiles.newOutputStream(file)) {
                out.write((Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            log.warn("Generated a personal-data key in {} (demo/test mode). Keep it with the backups.", file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the personal-data key file " + file, e);
        }
    }

    static byte[] decodeKey(String b64, String where) {
        return decode(b64, where);
    }

    private static byte[] decode(String b64, String where) {
        try {
            byte[] key = Base64.getDecoder().decode(b64.strip());
            if (key.length < 32) throw new IllegalStateException("personal-data key in " + where + " must be 32 bytes");
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("personal-data key in " + where + " is not base64", e);
        }
    }
}

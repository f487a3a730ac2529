package cn.shouwang.server.personaldata;

import cn.shouwang.server.platform.DataKeyCheckStore;
import java.security.MessageDigest;
import java.util.Optional;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * At start, before anything reads or writes personal data: the key must be the data's. The database keeps the key's
 * check value ({@link FieldCrypto#keyCheckValue()}, table {@code data_key_check}); a different one stops the server
 * with one line. A database of an earlier release has no check value yet: when it holds any sealed value, that value
 * must open with this key, and only then is the check value written (so a wrong key never gets recorded as right).
 */
@Component
class KeyCheck implements InitializingBean {
    static final String MISMATCH = "the personal-data key (SHOUWANG_DATA_KEY or the key file) does not match the data "
            + "in this database: start the server with the key its data was sealed with (个人数据密钥与数据库中的数据不符，"
            + "请使用加密这些数据的密钥启动)";

    private final FieldCrypto crypto;
    private final DataKeyCheckStore store;

    KeyCheck(FieldCrypto crypto, DataKeyCheckStore store) {
        this.crypto = crypto;
        this.store = store;
    }

    @Override
    public void afterPropertiesSet() {
        check(crypto, store);
    }

    static void check(FieldCrypto crypto, DataKeyCheckStore store) {
        byte[] mine = crypto.keyCheckValue();
        Optional<byte[]> stored = store.stored();
        if (stored.isPresent()) {
            if (!MessageDigest.isEqual(stored.get(), mine)) throw new DataKeyMismatchException(MISMATCH);
            return;
        }
        Optional<byte[]> sealed = store.anySealedValue();
        if (sealed.isPresent()) {
            try {
                crypto.open(sealed.get());
            } catch (RuntimeException e) {
                throw new DataKeyMismatchException(MISMATCH);
            }
        }
        store.store(mine);
    }
}
